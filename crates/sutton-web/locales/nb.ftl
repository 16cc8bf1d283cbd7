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
