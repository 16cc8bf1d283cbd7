# Sutton på norsk bokmål. Samme id-er som en.ftl.

## Navigation and shell
nav-label = Hovedmeny
nav-dashboard = Oversikt
nav-accounts = Kunder
nav-opportunities = Salgsmuligheter
nav-people = Personer og team
nav-map = Kart
nav-users = Brukere
nav-audit = Endringslogg
nav-system = System
nav-settings = Dine innstillinger
language = Språk
apply = Bruk
sign-in = Logg inn
sign-out = Logg ut
back-home = Tilbake til oversikten

## Errors
forbidden-title = Ikke for din rolle
forbidden-detail = Rollen din gir ikke tilgang til denne siden, eller skjemaet var utløpt. Last siden på nytt og prøv igjen.
not-found-title = Ikke funnet
not-found-detail = Posten finnes ikke, eller den er utenfor det du har tilgang til.
bad-request-title = Forespørselen kan ikke besvares
bad-field = { $field } kan ikke være «{ $value }».
failed-title = Sutton kan ikke svare akkurat nå

## Signing in
login-intro = Salgseffektivitet: logg inn for å se kundene, salgstrakten og planene dine.
login-name = Brukernavn
password = Passord
login-wrong = Brukernavnet eller passordet er feil.
login-expired = Innloggingsskjemaet var utløpt. Prøv igjen.
login-throttled = For mange mislykkede innlogginger. Prøv igjen om { $minutes } minutter.

## Dashboard
dash-scope-all = Hele { $org }
dash-scope-team = Teamene til { $name }
dash-scope-own = Porteføljen til { $name }
dash-scope-none = Ingen selger er knyttet til brukeren din, så du har ingenting å se.
as-of = per { $date }
bookings-in = Ordreinngang { $period }
no-quota = ingen kvote satt
of-quota = { $share } av kvoten på { $quota }
open-pipeline = Åpen salgstrakt
deals-count = { $n ->
    [one] { $count } salgsmulighet
   *[other] { $count } salgsmuligheter
}
win-rate = Vinnrate
win-rate-detail = vunnet av avsluttede, siste fire kvartaler
selling-time = Tid brukt på salg
selling-time-detail = av registrert tid, siste 90 dager
customers = Kunder
prospects-count = { $count } potensielle kunder
bookings = Ordreinngang
quota = Kvote
won = Vunnet
if-all-close = Om alt lukkes
quota-is = Kvote: { $quota }
chart-bookings-quota = Ordreinngang mot kvote per kvartal
chart-pipeline-months = Åpen salgstrakt etter forventet lukkemåned
chart-path-to-quota = Veien til kvoten, { $period }
chart-stages = Åpne salgsmuligheter etter fase
chart-time = Hvor tiden gikk, siste 90 dager (timer)
hours = { $hours } t
see-map = Se hvor kundene er på kartet →

## Lists and records
search = Søk
search-accounts-hint = navn, sted eller postnummer
status = Status
all = Alle
owner = Ansvarlig
anyone = Alle
filter = Filtrer
previous = Forrige
next = Neste
page-of = Side { $page } av { $pages } ({ $total } i alt)
accounts-found = { $n ->
    [one] { $count } kunde
   *[other] { $count } kunder
}
no-accounts = Ingen kunder passer.
no-deals = Ingen salgsmuligheter passer.
no-owner = ingen ansvarlig
account = Kunde
accounts = Kunder
industry = Bransje
city = Sted
employees = Ansatte
potential = Potensial
annual-revenue = Årlig omsetning
location = Adresse
geo-unit = Fylke (county)
territory = Distrikt
created = Opprettet
external-id = CRM-id
contracts = Avtaler
none = Ingen.
start = Start
end = Slutt
annual-value = Årlig verdi
renewal = Fornyelse
contacts-count = { $n ->
    [one] { $count } kontaktperson
   *[other] { $count } kontaktpersoner
}
name = Navn
job-title = Tittel
buying-role = Kjøpsrolle
email = E-post
engaged = Engasjert
yes = ja
no = nei
recent-activities = Siste aktiviteter
date = Dato
kind = Type
by = Av
minutes = Minutter
subject = Emne
opportunity = Salgsmulighet
type = Type
stage = Fase
forecast = Prognose
close-date = Lukkedato
amount = Beløp
close-from = Lukkes fra
close-to = Lukkes til
probability = sannsynlighet { $share }
probability-short = Sannsynlighet
created-on = opprettet { $date }
discount = Rabatt
margin-is = margin { $share }
line-items = Produktlinjer
product = Produkt
quantity = Antall
list-price = Listepris
deal-team = Salgsteam
role = Rolle
split = Andel
split-type = Fordeling
chart-amount-history = Beløp gjennom salgsmulighetens levetid
history = Historikk

## People
teams = Team
people-count = { $n ->
    [one] { $count } person
   *[other] { $count } personer
}
managed-by = ledet av
chart-hours-heatmap = Registrerte timer per person og kategori
since = siden { $date }
channel = Kanal
team = Team
manager = Leder
hired = Ansatt
left = Sluttet
capacity = Kapasitet
hours-per-week = { $hours } t/uke

## Map
colour-by = Farge etter
map-summary = { $accounts } kunder i { $counties } counties.
map-title-accounts = Kunder per county
map-title-potential = Potensial per county
county = County
value = Verdi

territory-balance-accounts = Distrikter: kunder mot gjennomsnittet
territory-balance-potential = Distrikter: potensial mot gjennomsnittet
territory-summary = { $territories } distrikter i gjeldende inndeling; det som ligger lengst fra gjennomsnittet, avviker med { $worst }.
no-territories = Det finnes ingen gjeldende distriktsinndeling innenfor det du har tilgang til.
covered-by = Dekkes av
counties = Counties
deviation = Fra snittet
vacant = ledig
left-on = sluttet { $date }

nav-whiplash = Pisksmell
whiplash-intro = Opp- og nedturer sett før de kommer: hvert teams risiko fra 0 til 100 og årsakene, per { $date }, for de neste { $periods } kvartalene.
whiplash-alerts = Varsler
whiplash-no-alerts = Ingen varsler: ingenting over terskelen.
whiplash-no-causes = Ingenting over terskelen.
whiplash-by-team = Risiko per team
risk = Risiko
causes = Årsaker
risk-points = { $points } risikopoeng
booked-plus-pipeline = Inngått + åpen salgstrakt
expiring-contracts = Avtaler som utløper
chart-whiplash-outlook = { $team }: de kommende kvartalene
chart-bookings-history = { $team }: ordreinngang per kvartal
v-cause-volatility = Ustabil ordreinngang
v-cause-forward_coverage = Tynn dekning fremover
v-cause-renewal_cliff = Fornyelsesstup
v-cause-concentration = Konsentrasjon
v-cause-engagement_gap = Kunder uten oppfølging
v-cause-single_threaded = Én kontakt
v-cause-funnel_starvation = Tom salgstrakt
v-cause-product_skew = Produktskjevhet

nav-pipeline = Salgstrakt
chart-coverage = Dekning på plass mot dekning som trengs, per team og kvartal (mørkere: lenger unna)
coverage-explained = Dekningen som trengs, læres av hvert teams historikk: hvor mye åpen salgstrakt det tok, like lenge før et kvartal, for å nå kvartalet.
coverage-cell = { $have }× av { $need }×
period = Periode
booked = Inngått
coverage = Dekning
gap = Mangler
chart-movement = Kvartalets salgstrakt fra { $from } til { $to }
move-new = Ny
move-pulled-in = Trukket inn
move-grown = Økt
move-pushed-out = Skjøvet ut
move-shrunk = Redusert
move-won = Vunnet
move-lost = Tapt
conversion-title = Konvertering, salgsmuligheter lukket siste år
value-win-rate = Vinnrate etter verdi
average-won = Gjennomsnittlig vunnet
cycle-days = Syklus (dager)
proposal-win-rate = Vinnrate for tilbud

nav-coverage = Dekning
coverage-intro = Per { $date }: kunder per selger mot et håndterbart spenn på { $low }–{ $high } (±25 % rundt snittet), og kunder uten en aktiv ansvarlig.
chart-accounts-per-rep = Kunder per selger
below-span = under spennet
above-span = over spennet
orphaned-count = { $n ->
    [one] { $count } kunde uten aktiv ansvarlig
   *[other] { $count } kunder uten aktiv ansvarlig
}
why-uncovered = Hvorfor
proposed-owner = Foreslått midlertidig ansvarlig

## Administration
person = Selger
no-person = (ingen selger)
done = Utført: { $what }
disabled = deaktivert
actions = Handlinger
save = Lagre
are-you-sure = Er du sikker?
enable = Aktiver
disable = Deaktiver
new-password = nytt passord
set-password = Sett passord
add-user = Legg til bruker
user-added = la til { $login }
user-changed = endret { $login }
cannot-demote-self = Du kan ikke fjerne din egen administratorrolle.
cannot-disable-self = Du kan ikke deaktivere din egen bruker.
audit-intro = Hvem endret brukere, roller, segmenter, distrikter og planer, og når. Nyeste først.
when = Når
who = Hvem
action = Handling
what = Hva
detail = Detaljer
organisation = Organisasjon
database = Database
engine = Databasemotor
schema-version = Skjemaversjon
currency = Rapporteringsvaluta
fiscal-year-starts = Regnskapsåret starter i
today-is = Dagens dato i rapporter
empty-database = Databasen er tom. Importer eksporten fra CRM-systemet ditt eller lag demo-organisasjonen.
records-held = Lagrede poster
count = Antall

nav-import = Import
import-intro = Last opp eksporten fra CRM-systemet ditt: Salesforce Data Export- eller Data Loader-filer, HubSpot-eksporter eller Suttons egne CSV-filer, som CSV eller XLSX. Kilden og objekttypen til hver fil gjenkjennes fra navnet og overskriftene. Poster som finnes fra før, oppdateres etter CRM-id.
import-files = Filer (flere samtidig, eller en hel ukentlig eksport)
import-source = Hvor filene kommer fra
import-detect = Gjenkjenn fra overskriftene
import-mode = Hvis noen rader er feil
import-all-or-nothing = importer ingenting og list opp alle feil rader (anbefalt)
import-skip-invalid = importer de gyldige radene og list opp de feil
import-dry-run = bare kontroller, skriv ingenting
import-start = Importer
import-upload-failed = Opplastingen kom ikke frem i sin helhet: { $reason }
import-no-files = Velg minst én fil å importere.
import-reading = Leser filene
import-another = Importer flere filer
import-report = Importrapport
import-running = Importerer
import-rows = { $done } av { $total } rader
import-elapsed = { $seconds } s så langt; siden oppdaterer seg selv.
import-failed = { $n ->
    [one] Ingenting ble importert: { $count } rad er feil. Rett den og importer på nytt.
   *[other] Ingenting ble importert: { $count } rader er feil. Rett dem og importer på nytt.
}
import-dry-run-done = Bare kontrollert; ingenting ble skrevet.
import-written = Importert.
import-written-some = { $n ->
    [one] De gyldige radene er importert; { $count } rad ble utelatt.
   *[other] De gyldige radene er importert; { $count } rader ble utelatt.
}
import-took = ({ $seconds } s)
import-summary = Hva som skjedde, per posttype
import-read = Lest
import-created = Opprettet
import-updated = Oppdatert
import-unchanged = Uendret
import-rejected = Avvist
import-files-read = Filer lest som
import-skipped = Filer hoppet over
import-placeholders = Personer som foreløpig bare er kjent ved CRM-id
import-ignored-columns = Kolonner Sutton ikke bruker
import-new-stages = Salgsfaser lagt til
import-problems = { $n ->
    [one] { $count } problem
   *[other] { $count } problemer
}
import-file = Fil
import-line = Linje
import-column = Kolonne
import-field = Felt
import-reason = Hvorfor
import-more-problems = …og { $count } til.

## Your settings
you = Deg
sessions-intro = Innlogget på en datamaskin du ikke bruker lenger?
sign-out-everywhere = Logg ut overalt
api-tokens = Personlige API-nøkler
api-tokens-intro = Skript og andre systemer bruker en nøkkel for å lese det du har tilgang til gjennom JSON-API-et. Behandle den som et passord.
token-shown-once = Kopier nøkkelen nå: den vises bare én gang.
last-used = Sist brukt
revoke = Trekk tilbake
token-name = Navn på nøkkelen
token-name-hint = hva den skal brukes til, høyst 100 tegn
create-token = Lag nøkkel
token-revoked = nøkkelen er trukket tilbake
api-described = API-et er beskrevet på

## Values
v-account_status-prospect = Potensiell kunde
v-account_status-customer = Kunde
v-account_status-former = Tidligere kunde
v-opportunity_status-open = Åpen
v-opportunity_status-won = Vunnet
v-opportunity_status-lost = Tapt
v-opportunity_type-new_business = Nysalg
v-opportunity_type-expansion = Mersalg
v-opportunity_type-renewal = Fornyelse
v-forecast_category-pipeline = Trakt
v-forecast_category-best_case = Beste fall
v-forecast_category-commit = Forpliktet
v-forecast_category-closed = Lukket
v-forecast_category-omitted = Utelatt
v-sales_role-lead_generation = Leadgenerering
v-sales_role-account_executive = Selger
v-sales_role-customer_success = Kundesuksess
v-sales_role-manager = Leder
v-sales_role-vp = Salgsdirektør
v-sales_role-sales_engineer = Salgsingeniør
v-sales_role-operations = Salgsstøtte
v-access_role-admin = Administrator
v-access_role-vp = Salgsdirektør
v-access_role-manager = Leder
v-access_role-rep = Selger
v-channel-field = Felt
v-channel-inside = Innesalg
v-activity_kind-call = Samtale
v-activity_kind-visit = Besøk
v-activity_kind-meeting = Møte
v-activity_kind-email = E-post
v-activity_kind-task = Oppgave
v-buying_role-decision_maker = Beslutningstaker
v-buying_role-economic_buyer = Økonomisk kjøper
v-buying_role-technical_buyer = Teknisk kjøper
v-buying_role-champion = Forkjemper
v-buying_role-influencer = Påvirker
v-buying_role-user = Bruker
v-buying_role-gatekeeper = Portvokter
v-buying_role-other = Annet
v-renewal_status-pending = Venter
v-renewal_status-in_negotiation = I forhandling
v-renewal_status-renewed = Fornyet
v-renewal_status-lost = Tapt
v-split_type-revenue = Omsetning
v-split_type-overlay = Overlegg
v-time-direct_selling = Direkte salg
v-time-travel = Reise
v-time-administration = Administrasjon
v-time-internal_meeting = Interne møter
v-time-training = Opplæring
v-time-service = Service
v-time-prospecting_research = Kunderesearch

## Compensation
nav-comp = Kompensasjon
comp-intro = Utbetalingskjøringer og lønnsoppgaver. En kjøring endres aldri: kjøres en periode på nytt, lagres en ny kjøring som betaler differansen.
comp-what-if = Hva om
comp-plans = Planversjoner
comp-runs = Kjøringer
comp-no-runs = Ingen kjøring er lagret ennå.
comp-run = Kjøring
comp-as-of = Per
comp-run-by = Kjørt av
comp-payees = Mottakere
comp-due = Opptjent
comp-to-pay = Til utbetaling
comp-plan-versions = Planversjoner
comp-plan-file = planfil
comp-run-period = Periode å kjøre
comp-run-button = Kjør og lagre
comp-run-stored = kjøring { $run } lagret for { $period }
comp-statements-in = Oppgaver i kjøring { $run }, { $period }
comp-adjustments = Justeringer
comp-draw-balance = Skyldig fra trekk
comp-plan-changes = Planendringer i år
comp-statement-title = Oppgave: { $name }, { $period }
comp-statement-sub = Kjøring { $run }, { $from } til { $until }, data per { $date }; planversjoner { $versions }
comp-print = Skriv ut
comp-download-csv = Last ned CSV
comp-download-xlsx = Last ned XLSX
comp-all-statements = Alle oppgaver i kjøringen
comp-total = Sum
comp-total-detail = summen av de avrundede linjene
comp-to-pay-detail = justeringer mot kjøring { $run }
comp-plan-changes-detail = ganger planen din er endret dette regnskapsåret
comp-problems = Må rettes før dette betales fullt ut
comp-lines = Linjer
comp-component = Komponent
comp-days = Dager
comp-line = Linje
comp-measure = Mål
comp-achieved = Oppnådd
comp-quota = Mål (kvote)
comp-attainment = Måloppnåelse
comp-band = Intervall
comp-rate = Sats
comp-amount = Beløp
comp-why = Slik ble det beregnet
comp-draw = Trekk
comp-credits = Kreditt for { $component } ({ $plan })
comp-deal = Avtale
comp-credited-on = Kreditert
comp-source = Kreditt fra
comp-quantity = Kreditt
comp-counted = Telt med
comp-counted-yes = ja
comp-not-counted = ikke telt med: { $reason }
comp-adjustments-title = Justeringer mot kjøring { $run }
comp-paid = Betalt
comp-clawback = tilbakeføring
comp-kind-tier = intervall { $n }
comp-kind-below-threshold = under terskel
comp-kind-no-quota = ingen kvote
comp-kind-cap = tak
comp-kind-gate = port { $n }
comp-kind-draw-top-up = påfyll av trekk
comp-kind-draw-recovery = tilbakebetaling av trekk
comp-line-threshold = terskel
comp-source-owner = eier
comp-source-revenue = inntektsdeling { $share }
comp-source-overlay = overlegg { $share }
comp-source-lead = lead { $lead }
comp-governance = Styring, { $year }
comp-governance-intro = Hvor måloppnåelsen havnet mot hver linje i planen, over siste kjøring i hver periode av året. En opphopning like over en linje og et hull like under er tegn på avtaler timet for å komme over den.
comp-governance-runs = Kjøringer lest: { $runs }
comp-year = Regnskapsår
comp-no-governance = Ingen kjøring for dette året er lagret ennå.
comp-distribution = { $component } ({ $plan }): mottakerperioder etter måloppnåelse
comp-distribution-pay = { $component } ({ $plan }): utbetaling etter måloppnåelse
comp-bunching = Hvem som havnet innenfor { $width } av hver linje
comp-breakpoint = Linje
comp-just-below = Like under
comp-just-above = Like over
comp-plan-changes-title = Planendringer per person i { $year }
comp-plan-changes-intro = Selgere som får planen endret ofte, slutter å stole på den: mer enn én endring i året flagges.
comp-no-plan-changes = Ingen fikk planen endret i år.
comp-changes = Endringer
comp-what-if-title = Hva om: en foreslått plan på faktiske tall for { $period }
comp-what-if-intro = Rediger planboken og se hva den ville ha betalt for forrige kvartals avtaler, ved siden av det gjeldende planer betaler. Ingenting lagres.
comp-plan-text = Planbok (TOML)
comp-plan-problems = Planen kan ikke brukes som den er
comp-compute = Beregn
comp-current-plan = Gjeldende planer
comp-proposed-plan = Foreslått plan
comp-difference = Differanse
comp-cost-detail = { $share } av { $bookings } booket
comp-per-person = Per person
comp-attainment-proposed = Måloppnåelse under foreslått plan
comp-plans-intro = En versjon gjelder fra første dag til dagen den slutter; der versjoner overlapper, gjelder den som ble lagret sist. Lagring endrer aldri en lagret versjon eller en lagret kjøring.
comp-version = Versjon
comp-from = Gjelder fra
comp-until = Til
comp-note = Merknad
comp-saved-by = Lagret av
comp-saved-at = Lagret
comp-in-force = gjelder i dag
comp-edit = Rediger en kopi
comp-until-replaced = til den erstattes
comp-save-version = Lagre som ny versjon
comp-version-saved = planversjon { $id } lagret
comp-default-plans = Ingen versjon er lagret ennå: kjøringer bruker standardplanene nedenfor.
comp-file-sheet = Oppgave
comp-file-payee = Mottaker
comp-file-plan = Plan
comp-file-first-day = Første dag
comp-file-last-day = Siste dag
comp-file-currency = Valuta
comp-file-deals = Avtaler
comp-file-adjustment = justering
comp-file-adjustment-why = betalt { $paid }, opptjent { $due }: { $reason }
comp-pay-multiplier = { $multiplier }× målbonus
comp-pay-rate = { $rate } av kreditert beløp
comp-pay-per-unit = { $amount } per enhet
comp-why-tier = { $decelerator ->
    [yes] { $credited } kreditert i intervallet { $band }, en nedtrapping, med { $rate }
   *[no] { $credited } kreditert i intervallet { $band } med { $rate }
}
comp-why-tier-incentive = { $decelerator ->
    [yes] { $credited } kreditert i intervallet { $band }, en nedtrapping, med { $rate } av en målbonus på { $incentive } vektet { $weight }
   *[no] { $credited } kreditert i intervallet { $band } med { $rate } av en målbonus på { $incentive } vektet { $weight }
}
comp-why-below-threshold = måloppnåelsen på { $attainment } er under terskelen på { $threshold }: ingenting utbetales
comp-why-no-quota = { $whose ->
    [team] teamet ditt har ingen kvote for { $measure }: legg inn en, eller gi komponenten «{ $component }» en fast kvote
   *[own] du har ingen kvote for { $measure }: legg inn en, eller gi komponenten «{ $component }» en fast kvote
}
comp-why-cap = begrenset til komponentens tak på { $cap }
comp-why-gate = bonus for å nå { $at } måloppnåelse
comp-why-draw-top-up = { $recoverable ->
    [yes] inntjeningen på { $earned } er under det tilbakebetalingspliktige trekket på { $draw }: fylt opp
   *[no] inntjeningen på { $earned } er under det garanterte trekket på { $draw }: fylt opp
}
comp-why-draw-recovery = tar tilbake { $recovered } av de { $owed } som skyldes fra tidligere trekk, av inntjeningen over trekket
comp-reason-clawback = { $n ->
    [one] tilbakeføring av avtale { $deals }, kansellert innenfor fristen
   *[other] tilbakeføring av avtalene { $deals }, kansellert innenfor fristen
}
comp-reason-removed = { $n ->
    [one] avtale { $deals } krediteres ikke lenger
   *[other] avtalene { $deals } krediteres ikke lenger
}
comp-reason-added = { $n ->
    [one] avtale { $deals } er nå kreditert
   *[other] avtalene { $deals } er nå kreditert
}
comp-reason-recomputed = krediterte beløp, en kvote eller planen er endret
comp-exclusion-currency = i { $credited }, planen betaler i { $plan }
comp-exclusion-clawback = { $n ->
    [one] kansellert { $date }, { $count } dag etter at den ble vunnet, innenfor tilbakeføringsfristen på { $window } dager
   *[other] kansellert { $date }, { $count } dager etter at den ble vunnet, innenfor tilbakeføringsfristen på { $window } dager
}

v-comp_measure-bookings = Bookinger
v-comp_measure-gross_profit = Bruttofortjeneste
v-comp_measure-new_logos = Nye kunder
v-comp_measure-leads_converted = Konverterte leads
v-comp_measure-deals_closed = Vunne avtaler
v-comp_measure-renewals = Fornyelser
v-comp_measure-team_bookings = Teamets bookinger
## Segments, call patterns and execution, CALLPLAN (plan pages)
nav-segments = Segmenter
nav-icp = Idealkunde
nav-call-patterns = Besøksmønstre
nav-workload = Arbeidsbelastning
nav-compliance = Besøksetterlevelse
nav-queue = Arbeidskø
nav-time = Tidsbruk
nav-callplan = CALLPLAN
v-contact_mode-face_to_face = Ansikt til ansikt
v-contact_mode-phone = Telefon
v-contact_mode-video = Video
v-contact_mode-email = E-post
v-contact_mode-none = Ingen
v-period_kind-month = måned
v-period_kind-quarter = kvartal
v-period_kind-year = år
plan-a-year = per år
plan-account-id = Kundenummer
plan-accounts-of = Kundene til { $who }
plan-actual = Gjennomført
plan-add-pattern = Legg til et besøksmønster
plan-all-teams = Alle team
plan-band = Mot 55–65 %
plan-band-above = Over
plan-band-below = Under
plan-band-within = Innenfor
plan-behind = Bak plan
plan-budget-hours = Salgstimer
plan-call-hours = Besøkstimer
plan-call-logged = besøk { $id } registrert
plan-callplan-accounts-of = Største endringer for { $who }
plan-callplan-by-rep = Dagens mønster mot planen, per selger
plan-callplan-how = Hver kunde er verdt sitt potensial med { $margin } bruttomargin; r(n) = a + (b − a)·nᶜ/(d + nᶜ) er andelen n besøk i året gir. Skriv a,b,c,d per segment; c over 1 gir S-form.
plan-callplan-intro = Lodishs CALLPLAN: hver selgers salgstid brukes der besøkene gir mest forventet bruttofortjeneste.
plan-calls = Besøk
plan-calls-a-year = Besøk per år
plan-capacity-hours = Kapasitetstimer
plan-capacity-per-person = Timer per person
plan-chart-distribution = Kunder per segment
plan-chart-fit = Treffscore mot { $profile }
plan-chart-gain = Forventet gevinst per selger
plan-chart-pareto = Pareto-kurve: andel av potensialet hos de største kundene
plan-chart-time-trend = Andel direkte salg per måned
plan-chart-utilisation = Arbeidsbelastning som andel av kapasitet
plan-clear-override = Tilbake til regelen
plan-compliance = Etterlevelse
plan-compliance-by-team = Planlagte mot gjennomførte besøk per team
plan-compliance-intro = Besøk fra { $from } til { $to } mot besøksmønstrene; en kunde er på etterskudd når intervallet er passert siden siste besøk.
plan-current-calls = Besøk nå
plan-current-hours = Timer nå
plan-current-profit = Forventet med dagens mønster
plan-curve-of = Kurve { $segment }
plan-curves-saved = { $count } responskurver lagret
plan-days-overdue = Dager på etterskudd
plan-deals = Salgsmuligheter
plan-delete = Slett
plan-direct-share = Direkte salg
plan-duration = Minutter
plan-explanation = Hvorfor
plan-frequency = Hyppighet
plan-gain = Forventet gevinst
plan-hours-needed = Timer som trengs
plan-icp-editor = Profil (JSON)
plan-icp-editor-help = Vektede kriterier over employees, annual_revenue, potential (intervaller, minste enhet), industry, region (mengder) og customer, part_of_group (ja/nei); fit_from i milliontedeler. Lagring under et eksisterende navn erstatter profilen.
plan-icp-fit-from = treffer fra { $share }
plan-icp-fitting-accounts = Kunder som passer
plan-icp-fitting-deals = Salgsmuligheter som passer
plan-icp-intro = Hvor godt hver kunde passer en idealkundeprofil, og hvor mye av den åpne nysalgspipelinen som ligger hos kunder som passer.
plan-icp-none = Ingen idealkundeprofil er lagret ennå.
plan-icp-of-accounts = av { $accounts } kunder
plan-icp-pipeline-by = Åpen nysalgspipeline hos kunder som passer
plan-icp-pipeline-share = Pipeline som passer
plan-icp-profiles = Profiler
plan-icp-saved = profilen { $profile } er lagret
plan-icp-unreadable = Profilen kan ikke leses: { $problem }. Rett JSON-teksten og lagre igjen.
plan-last-call = Siste besøk
plan-log = Registrer
plan-log-call = Registrer et besøk
plan-logged-hours = Registrerte timer
plan-minutes = { $minutes } min
plan-mode = Hvordan
plan-never = aldri
plan-no-overrides = Ingen segmenter er satt manuelt.
plan-no-such-account = Det finnes ingen kunde { $account } som du kan se; oppgi kundenummeret.
plan-overdue = På etterskudd
plan-overdue-accounts = Kunder på etterskudd ({ $count })
plan-override-cleared = kunde { $account } følger regelen igjen
plan-override-set = kunde { $account } er satt til { $segment }
plan-overrides = Segmenter satt manuelt
plan-pattern-added = besøksmønster { $id } lagt til
plan-pattern-deleted = besøksmønster { $id } slettet
plan-patterns-intro = Hvor ofte hvert segment besøkes, av hvem og hvordan. Et mønster for et segment som segmenteringen ikke har, avvises.
plan-people-needed = Personer som trengs
plan-people-now = Personer nå
plan-per = { $calls } per { $period }
plan-per-period = Per
plan-planned = Planlagt
plan-planned-calls = Besøk i planen
plan-planned-hours = Timer i planen
plan-planned-profit = Forventet med planen
plan-position = #
plan-queue-empty = Ingen kunder med besøksmønster å vise.
plan-queue-intro = Kunder på etterskudd først, det mest verdifulle segmentet først, de som har ventet lengst først.
plan-queue-of = Arbeidskøen til { $who }
plan-rank = Rangering
plan-reason = Begrunnelse
plan-reps-of = Selgerne i { $team }
plan-rule-segment = Etter regelen
plan-save-curves = Behold disse kurvene som standard
plan-segment = Segment
plan-segment-name = Segment { $segment }
plan-segments-intro = Kunder delt i A/B/C etter potensial per { $date }: A har den første halvparten av potensialet, B de neste 30 %.
plan-selling-share = Salgsandel av kapasiteten (%)
plan-set-by = Satt av
plan-set-override = Sett en kundes segment manuelt
plan-share-of-measure = Andel av potensialet
plan-share-of-potential = { $share } av potensialet
plan-show = Vis
plan-sizing = Personer hver rolle trenger for å følge mønstrene
plan-subject = Emne
plan-target-high = Mål 65 %
plan-target-low = Mål 55 %
plan-time-by-person = De siste tre månedene per person, ikke-salgstid spesifisert (timer)
plan-time-intro = Hver persons andel av registrert tid i direkte salg mot målet på 55–65 %.
plan-top-accounts = De mest verdifulle kundene og hvorfor de er i sitt segment
plan-total = Totalt
plan-travel-hours = Reisetimer
plan-unserved = { $calls } mønsterbesøk har ingen med mønsterets rolle og kanal til å utføre dem.
plan-utilisation = Utnyttelse
plan-what-if = Beregn på nytt
plan-who = Hvem
plan-workload-by-person = Arbeidsbelastning per person per år
plan-workload-by-team = Arbeidsbelastning per team per år
plan-workload-intro = Besøk × (varighet + reise) for besøksmønstrene på hver segmentert kunde; reise i { $speed } km/t fra hjemstedet, kapasitet over { $weeks } arbeidsuker.
## Pipeline reviews and the forecast record
nav-reviews = Gjennomganger
nav-forecast = Prognose
reviews-intro = En gjennomgang fryser et teams åpne pipeline på en dato, hver avtale med sine kvalitetsflagg. Skriv notat og ta beslutning per avtale; neste gjennomgang av teamet viser hva som er endret siden.
reviews-start = Start en gjennomgang
reviews-none = Ingen gjennomganger ennå.
review-taken-by = Tatt av
review-deals = Avtaler
review-flagged = Flagget
review-decided = Besluttet
review-title = Gjennomgang av { $team } per { $date }
review-taken = Tatt av { $who } { $date }.
review-changes = Siden forrige gjennomgang
review-changes-summary = Mot gjennomgangen { $date }: { $before } da, { $gone } borte, { $new } nytt, { $change } i endrede beløp: { $after } nå.
review-no-changes = Ingenting er endret.
review-first = Dette er teamets første gjennomgang: den neste viser hva som er endret siden.
review-what-changed = Hva som er endret
review-carried = Beslutning sist
review-new = Ny
review-gone = Borte
review-amount-change = Beløp { $from } → { $to }
review-stage-change = Fase { $from } → { $to }
review-close-change = Lukkedato { $from } → { $to }
review-flags = Flagg
review-decision = Beslutning
review-note = Notat
review-undecided = Ikke besluttet
v-decision-commit = Forplikt
v-decision-downgrade = Nedgrader
v-decision-remove = Fjern
flag-stale = Ingen endring på { $n } dager
flag-pushed = Lukkedato utsatt { $n } ganger
flag-no_activity = Ingen salgsaktivitet på { $n } dager
flag-no_activity-never = Ingen salgsaktivitet registrert
flag-single_threaded = Avhengig av én kontakt ({ $n } kontakter)
flag-overdue = { $n } dager forfalt
flag-outside_icp = Utenfor idealkundeprofilen (treff { $score })
bad-team = { $value } er ikke en team-id; velg et team fra listen.
bad-date = { $value } er ikke en dato; skriv den som ÅÅÅÅ-MM-DD.
forecast-intro = Prognoser per team per { $date }: det som er vunnet, pluss åpen pipeline etter prognosekategori og vektet etter sannsynlighet.
forecast-upcoming = Kommende kvartaler
forecast-weighted = Vektet
forecast-commit-forecast = Forpliktet prognose
forecast-best-case-forecast = Beste-fall-prognose
forecast-weighted-forecast = Vektet prognose
forecast-actual = Faktisk
forecast-accuracy = Prognosetreffsikkerhet
forecast-accuracy-explained = Hvert tidligere kvartals prognose slik den sto på samme punkt i kvartalet som i dag, gjenskapt fra avtalenes historikk, mot det som ble vunnet. Avvik er prognose minus faktisk, som andel av faktisk.
forecast-made-on = Laget
forecast-commit-error = Avvik, forpliktet
forecast-weighted-error = Avvik, vektet
forecast-recorded = Lagrede prognoser
forecast-recorded-none = Ingen lagret ennå: hver gjennomgang lagrer teamets prognose, og det gjør også sutton pipeline forecast --record.
chart-forecast-accuracy = Prognoser mot faktiske bestillinger, tidligere kvartaler
conversion-by-source = Konvertering etter kilde, siste år
conversion-by-segment = Konvertering etter segment, siste år
conversion-source = Kilde
conversion-segment = Segment
proposals-per-deal = Tilbud per avtale
## End of pipeline reviews and the forecast record
## Territory scenarios: list, editor, comparison, how many reps
nav-territories = Distrikter
terr-intro = Lagrede inndelinger målt etter optimererens regler: balanse mot mål, reisevei, endring mot gjeldende inndeling, kuttede grenser og sammenheng.
terr-scenarios = Scenarioer
terr-scenario = Scenario
terr-territories = Distrikter
terr-balance = Balanse
terr-travel = Gjennomsnittlig reisevei til sentrum
terr-travel-detail = vektet med det første balanserte målet
terr-disruption = Endring
terr-cut-edges = Kuttede grenser
terr-cut-edges-detail = fylkesgrenser mellom distrikter
terr-contiguity = Sammenheng
terr-all-contiguous = Alle henger sammen
terr-not-contiguous-count = { $n ->
    [one] { $count } distrikt i flere deler
   *[other] { $count } distrikter i flere deler
}
terr-split = i flere deler
terr-balance-cell = { $measure }: maks ±{ $max }, CV { $cv }
terr-km = { $km } km
terr-hours = { $hours } t
terr-moved-cell = { $count } ({ $share })
terr-status-current = Gjeldende
terr-status-scenario = Scenario
terr-status-archived = Arkivert
terr-measure-accounts = Kunder
terr-measure-potential = Potensial
terr-measure-workload = Besøksarbeid
terr-balance-within = { $measure } innenfor ±{ $tolerance }
terr-max-disruption-is = høyst { $share } av fylkene flyttes
terr-homes-used = reisevei målt fra selgernes hjemsted
terr-seed-is = frø { $seed }
terr-compare = Sammenlign side om side
terr-left = Venstre
terr-right = Høyre
terr-sizing-link = Hvor mange selgere? Balanse, reisevei og arbeidsmengde når antallet distrikter endres
terr-new = Nytt scenario
terr-name = Navn
terr-default-name = Balansert forslag
terr-balance-what = Hva skal balanseres
terr-tolerance = Toleranse
terr-max-disruption = Største andel fylker som kan bytte distrikt (%)
terr-seed = Frø
terr-use-homes = Mål reiseveien fra hver selgers hjemsted
terr-plan = Planlegg i bakgrunnen
terr-bad-percent = { $field } er { $value }: oppgi en prosent mellom 0 og 100.
terr-choose-measure = Velg minst ett mål å balansere.
terr-planning = Planlegger { $name }
terr-reoptimising = Optimerer { $name } på nytt
terr-job-running = Optimereren arbeider. Siden oppdaterer seg selv.
terr-job-steps = { $done } av { $total } steg ferdige
terr-job-done = Ferdig på { $seconds } s.
terr-open-scenario = Åpne scenarioet
terr-not-met = Ikke oppfylt
terr-balance-of = Balanse i { $measure }
terr-balance-detail = CV { $cv } · toleranse ±{ $tolerance } · { $outside } utenfor
terr-counties-moved = { $n ->
    [one] { $count } fylke bytter distrikt
   *[other] { $count } fylker bytter distrikt
}
terr-broken = Henger ikke sammen: { $territories }. Flytt fylker slik at hvert distrikt blir ett stykke.
terr-balance-chart = { $measure } per distrikt
terr-target-band = mål { $target } ±{ $tolerance }
terr-locked = låst
terr-home-of = Hjemstedet til { $rep } ({ $territory })
terr-map-title = Distriktene i { $name }
terr-read-only = Kun lesing: bare en salgsdirektør eller en administrator kan endre et scenario, og bare et scenario (ikke gjeldende inndeling) kan endres.
terr-edit = Flytt eller lås et fylke
terr-edit-help = Klikk på et fylke i kartet (eller velg det nedenfor), og flytt det til et annet distrikt eller lås det. Et flyttet fylke låses, så ny optimering beholder det.
terr-move-to = Flytt til
terr-move = Flytt og lås
terr-lock = Lås
terr-unlock = Lås opp
terr-reoptimise-help = { $n ->
    [one] Kjør optimereren på nytt; { $count } låst fylke blir der det er.
   *[other] Kjør optimereren på nytt; { $count } låste fylker blir der de er.
}
terr-reoptimise = Optimer på nytt
terr-publish-confirm = Gjøre { $name } til gjeldende inndeling og gi kundene til distriktenes selgere?
terr-publish-help = Gjør dette scenarioet til gjeldende inndeling: kundene følger selgeren i sitt distrikt. Endringen logges.
terr-publish = Publiser
terr-compare-current = Sammenlign med gjeldende inndeling
terr-moved = { $county } flyttet til { $territory } og låst
terr-locked-done = { $county } låst
terr-unlocked-done = { $county } låst opp
terr-published = Publisert: { $moved } kunder har fått ny ansvarlig, { $kept } beholder sin (distriktet har ikke nøyaktig én aktiv selger).
terr-compare-sub = { $a } ved siden av { $b }
terr-metrics = Måltall
terr-max-deviation-of = { $measure }: største avvik
terr-cv-of = { $measure }: variasjonskoeffisient
terr-sizing = Hvor mange selgere
terr-sizing-intro = Optimereren kjøres for hvert antall distrikter i intervallet, med samme balanse; gjeldende inndeling har { $current } distrikter.
terr-from = Fra
terr-to = Til
terr-sizing-run = Kjør i bakgrunnen
terr-bad-range = Fra { $from } til { $to } er ikke et intervall denne siden kjører: slutten kan ikke være under starten, og høyst { $max } størrelser prøves.
terr-sizing-verdict = { $k } distrikter er det færreste som holder hvert distrikt innenfor toleransen og i ett stykke, med hver selgers arbeidsmengde innenfor kapasiteten (nå { $current }).
terr-sizing-none = Ingen antall distrikter fra { $from } til { $to } oppfyller alle toleranser innenfor kapasiteten: utvid intervallet eller toleransen.
terr-chart-deviation = Største avvik fra mål (%)
terr-chart-travel = Gjennomsnittlig reisevei til distriktets sentrum (km)
terr-chart-workload = Besøksarbeid per selger mot kapasitet (timer i året)
terr-workload-per-rep = Arbeidsmengde per selger
terr-capacity-per-rep = Kapasitet per selger
terr-accounts-per-rep = Kunder per selger
terr-meets-tolerance = Innenfor toleransen
terr-within-capacity = Innenfor kapasiteten
terr-capacity-note = Kapasitet: { $hours } i året per selger (ukentlig kapasitet × 46 arbeidsuker). Arbeidsmengden teller besøksmønstrenes samtaletid, ikke reisetid.

segwhy-measure-potential = potensial
segwhy-measure-revenue = omsetning
segwhy-measure-gross-profit = bruttofortjeneste
segwhy-measure-icp-score = ICP-score
segwhy-rank = nummer { $rank } av { $of } etter { $measure }; { $why }
segwhy-override = satt til { $segment } av { $who } den { $date } ({ $reason }); regelen gir { $computed }: { $why }
segwhy-nothing = ingen verdi for { $measure } å rangere etter: siste segment
segwhy-pareto-under = kundene rangert over har { $share } av totalen, under grensen på { $cut }: { $segment }
segwhy-pareto-over = kundene rangert over har { $share } av totalen, på eller over grensen på { $cut }: { $segment }
segwhy-pareto-any = kundene rangert over har { $share } av totalen: { $segment }
segwhy-percentile = { $share } av kundene er rangert over: { $segment }
segwhy-threshold = { $value } når { $segment }-grensen på { $floor }
segwhy-threshold-under = { $value } er under alle grenser: { $segment }
plan-gain-why = Hvorfor lavere nå
plan-gain-over-budget = Dagens mønster krever { $current } timer, mer enn de { $budget } salgstimene som finnes: tallet er uoppnåelig, og planen passer tiden.
plan-gain-steps = Samtalenes lengde rundes opp til trinn på { $minutes } minutter i planen, så den kan havne litt under dagens mønster.
