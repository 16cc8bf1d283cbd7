# Sutton på dansk. Samme id'er som en.ftl.

## Navigation and shell
nav-label = Hovedmenu
nav-dashboard = Overblik
nav-accounts = Kunder
nav-opportunities = Salgsmuligheder
nav-people = Personer og teams
nav-map = Kort
nav-users = Brugere
nav-audit = Ændringslog
nav-system = System
nav-settings = Dine indstillinger
language = Sprog
apply = Anvend
sign-in = Log ind
sign-out = Log ud
back-home = Tilbage til overblikket

## Errors
forbidden-title = Ikke for din rolle
forbidden-detail = Din rolle giver ikke adgang til denne side, eller formularen var udløbet. Genindlæs siden og prøv igen.
not-found-title = Ikke fundet
not-found-detail = Posten findes ikke, eller den ligger uden for det, du har adgang til.
bad-request-title = Forespørgslen kan ikke besvares
bad-field = { $field } kan ikke være »{ $value }«.
failed-title = Sutton kan ikke svare lige nu

## Signing in
login-intro = Salgseffektivitet: log ind for at se dine kunder, din pipeline og dine planer.
login-name = Brugernavn
password = Adgangskode
login-wrong = Brugernavnet eller adgangskoden er forkert.
login-expired = Loginformularen var udløbet. Prøv igen.
login-throttled = For mange mislykkede logins. Prøv igen om { $minutes } minutter.

## Dashboard
dash-scope-all = Hele { $org }
dash-scope-team = { $name }s teams
dash-scope-own = { $name }s egen portefølje
dash-scope-none = Der er ingen sælger knyttet til dit login, så der er intet at vise.
as-of = pr. { $date }
bookings-in = Ordreindgang { $period }
no-quota = intet budget sat
of-quota = { $share } af budgettet på { $quota }
open-pipeline = Åben pipeline
deals-count = { $n ->
    [one] { $count } salgsmulighed
   *[other] { $count } salgsmuligheder
}
win-rate = Vinderrate
win-rate-detail = vundet af afsluttede, seneste fire kvartaler
selling-time = Tid brugt på salg
selling-time-detail = af registreret tid, seneste 90 dage
customers = Kunder
prospects-count = { $count } emner
bookings = Ordreindgang
quota = Budget
won = Vundet
if-all-close = Hvis alt lukkes
quota-is = Budget: { $quota }
chart-bookings-quota = Ordreindgang mod budget pr. kvartal
chart-pipeline-months = Åben pipeline efter forventet lukkemåned
chart-path-to-quota = Vejen til budgettet, { $period }
chart-stages = Åbne salgsmuligheder efter fase
chart-time = Hvor tiden gik, seneste 90 dage (timer)
hours = { $hours } t
see-map = Se, hvor kunderne er, på kortet →

## Lists and records
search = Søg
search-accounts-hint = navn, by eller postnummer
status = Status
all = Alle
owner = Ansvarlig
anyone = Alle
filter = Filtrér
previous = Forrige
next = Næste
page-of = Side { $page } af { $pages } ({ $total } i alt)
accounts-found = { $n ->
    [one] { $count } kunde
   *[other] { $count } kunder
}
no-accounts = Ingen kunder passer.
no-deals = Ingen salgsmuligheder passer.
no-owner = ingen ansvarlig
account = Kunde
accounts = Kunder
industry = Branche
city = By
employees = Ansatte
potential = Potentiale
annual-revenue = Årlig omsætning
location = Adresse
geo-unit = County
territory = Distrikt
created = Oprettet
external-id = CRM-id
contracts = Aftaler
none = Ingen.
start = Start
end = Slut
annual-value = Årlig værdi
renewal = Fornyelse
contacts-count = { $n ->
    [one] { $count } kontaktperson
   *[other] { $count } kontaktpersoner
}
name = Navn
job-title = Titel
buying-role = Købsrolle
email = E-mail
engaged = Engageret
yes = ja
no = nej
recent-activities = Seneste aktiviteter
date = Dato
kind = Type
by = Af
minutes = Minutter
subject = Emne
opportunity = Salgsmulighed
type = Type
stage = Fase
forecast = Prognose
close-date = Lukkedato
amount = Beløb
close-from = Lukkes fra
close-to = Lukkes til
probability = sandsynlighed { $share }
probability-short = Sandsynlighed
created-on = oprettet { $date }
discount = Rabat
margin-is = avance { $share }
line-items = Produktlinjer
product = Produkt
quantity = Antal
list-price = Listepris
deal-team = Salgsteam
role = Rolle
split = Andel
split-type = Fordeling
chart-amount-history = Beløb gennem salgsmulighedens levetid
history = Historik

## People
teams = Teams
people-count = { $n ->
    [one] { $count } person
   *[other] { $count } personer
}
managed-by = ledet af
chart-hours-heatmap = Registrerede timer pr. person og kategori
since = siden { $date }
channel = Kanal
team = Team
manager = Leder
hired = Ansat
left = Fratrådt
capacity = Kapacitet
hours-per-week = { $hours } t/uge

## Map
colour-by = Farve efter
map-summary = { $accounts } kunder i { $counties } counties.
map-title-accounts = Kunder pr. county
map-title-potential = Potentiale pr. county
county = County
value = Værdi

territory-balance-accounts = Distrikter: kunder mod gennemsnittet
territory-balance-potential = Distrikter: potentiale mod gennemsnittet
territory-summary = { $territories } distrikter i den gældende inddeling; det, der ligger længst fra gennemsnittet, afviger med { $worst }.
no-territories = Der er ingen gældende distriktsinddeling inden for det, du har adgang til.
covered-by = Dækkes af
counties = Counties
deviation = Fra gennemsnittet
vacant = ledig
left-on = fratrådt { $date }

nav-whiplash = Piskesmæld
whiplash-intro = Op- og nedture set, før de kommer: hvert teams risiko fra 0 til 100 og årsagerne, pr. { $date }, for de næste { $periods } kvartaler.
whiplash-alerts = Advarsler
whiplash-no-alerts = Ingen advarsler: intet over tærsklen.
whiplash-no-causes = Intet over tærsklen.
whiplash-by-team = Risiko pr. team
risk = Risiko
causes = Årsager
risk-points = { $points } risikopoint
booked-plus-pipeline = Indgået + åben pipeline
expiring-contracts = Aftaler, der udløber
chart-whiplash-outlook = { $team }: de kommende kvartaler
chart-bookings-history = { $team }: ordreindgang pr. kvartal
v-cause-volatility = Svingende ordreindgang
v-cause-forward_coverage = Tynd dækning fremadrettet
v-cause-renewal_cliff = Fornyelsesklippe
v-cause-concentration = Koncentration
v-cause-engagement_gap = Kunder uden opfølgning
v-cause-single_threaded = Én kontakt
v-cause-funnel_starvation = Tom pipeline
v-cause-product_skew = Produktskævhed

nav-pipeline = Pipeline
chart-coverage = Dækning på plads mod nødvendig dækning, pr. team og kvartal (mørkere: længere fra)
coverage-explained = Den nødvendige dækning læres af hvert teams historik: hvor meget åben pipeline det krævede, lige så længe før et kvartal, at nå kvartalet.
coverage-cell = { $have }× af { $need }×
period = Periode
booked = Indgået
coverage = Dækning
gap = Mangler
chart-movement = Kvartalets pipeline fra { $from } til { $to }
move-new = Ny
move-pulled-in = Trukket ind
move-grown = Øget
move-pushed-out = Skubbet ud
move-shrunk = Reduceret
move-won = Vundet
move-lost = Tabt
conversion-title = Konvertering, salgsmuligheder lukket det seneste år
value-win-rate = Vinderrate efter værdi
average-won = Gennemsnitlig vundet
cycle-days = Cyklus (dage)
proposal-win-rate = Vinderrate for tilbud

nav-coverage = Dækning
coverage-intro = Pr. { $date }: kunder pr. sælger mod et håndterbart spænd på { $low }–{ $high } (±25 % omkring gennemsnittet), og kunder uden en aktiv ansvarlig.
chart-accounts-per-rep = Kunder pr. sælger
below-span = under spændet
above-span = over spændet
orphaned-count = { $n ->
    [one] { $count } kunde uden aktiv ansvarlig
   *[other] { $count } kunder uden aktiv ansvarlig
}
why-uncovered = Hvorfor
proposed-owner = Foreslået midlertidig ansvarlig

## Administration
person = Sælger
no-person = (ingen sælger)
done = Udført: { $what }
disabled = deaktiveret
actions = Handlinger
save = Gem
are-you-sure = Er du sikker?
enable = Aktivér
disable = Deaktivér
new-password = ny adgangskode
set-password = Sæt adgangskode
add-user = Tilføj bruger
user-added = tilføjede { $login }
user-changed = ændrede { $login }
cannot-demote-self = Du kan ikke fjerne din egen administratorrolle.
cannot-disable-self = Du kan ikke deaktivere dit eget login.
audit-intro = Hvem ændrede brugere, roller, segmenter, distrikter og planer, og hvornår. Nyeste først.
when = Hvornår
who = Hvem
action = Handling
what = Hvad
detail = Detaljer
organisation = Organisation
database = Database
engine = Databasemotor
schema-version = Skemaversion
currency = Rapporteringsvaluta
fiscal-year-starts = Regnskabsåret starter i
today-is = Dagens dato i rapporter
empty-database = Databasen er tom. Importér eksporten fra dit CRM-system, eller lav demo-organisationen.
records-held = Gemte poster
count = Antal

nav-import = Import
import-intro = Upload eksporten fra dit CRM-system: Salesforce Data Export- eller Data Loader-filer, HubSpot-eksporter eller Suttons egne CSV-filer, som CSV eller XLSX. Hver fils kilde og objekttype genkendes ud fra navn og overskrifter. Poster, der findes i forvejen, opdateres efter CRM-id.
import-files = Filer (flere ad gangen, eller en hel ugentlig eksport)
import-source = Hvor filerne kommer fra
import-detect = Genkend ud fra overskrifterne
import-mode = Hvis nogle rækker er forkerte
import-all-or-nothing = importér intet og vis alle forkerte rækker (anbefalet)
import-skip-invalid = importér de gyldige rækker og vis de forkerte
import-dry-run = kontrollér kun, skriv intet
import-start = Importér
import-upload-failed = Uploaden kom ikke helt frem: { $reason }
import-no-files = Vælg mindst én fil at importere.
import-reading = Læser filerne
import-another = Importér flere filer
import-report = Importrapport
import-running = Importerer
import-rows = { $done } af { $total } rækker
import-elapsed = { $seconds } s indtil videre; siden opdaterer sig selv.
import-failed = { $n ->
    [one] Intet blev importeret: { $count } række er forkert. Ret den, og importér igen.
   *[other] Intet blev importeret: { $count } rækker er forkerte. Ret dem, og importér igen.
}
import-dry-run-done = Kun kontrolleret; intet blev skrevet.
import-written = Importeret.
import-written-some = { $n ->
    [one] De gyldige rækker er importeret; { $count } række blev udeladt.
   *[other] De gyldige rækker er importeret; { $count } rækker blev udeladt.
}
import-took = ({ $seconds } s)
import-summary = Hvad der skete, pr. posttype
import-read = Læst
import-created = Oprettet
import-updated = Opdateret
import-unchanged = Uændret
import-rejected = Afvist
import-files-read = Filer læst som
import-skipped = Filer sprunget over
import-placeholders = Personer, der indtil videre kun kendes ved CRM-id
import-ignored-columns = Kolonner, Sutton ikke bruger
import-new-stages = Salgsfaser tilføjet
import-problems = { $n ->
    [one] { $count } problem
   *[other] { $count } problemer
}
import-file = Fil
import-line = Linje
import-column = Kolonne
import-field = Felt
import-reason = Hvorfor
import-more-problems = …og { $count } mere.

## Your settings
you = Dig
sessions-intro = Logget ind på en computer, du ikke længere bruger?
sign-out-everywhere = Log ud overalt
api-tokens = Personlige API-nøgler
api-tokens-intro = Scripts og andre systemer bruger en nøgle til at læse det, du har adgang til, gennem JSON-API'et. Behandl den som en adgangskode.
token-shown-once = Kopiér nøglen nu: den vises kun én gang.
last-used = Sidst brugt
revoke = Tilbagekald
token-name = Nøglens navn
token-name-hint = hvad den bruges til, højst 100 tegn
create-token = Opret nøgle
token-revoked = nøglen er tilbagekaldt
api-described = API'et er beskrevet på

## Values
v-account_status-prospect = Emne
v-account_status-customer = Kunde
v-account_status-former = Tidligere kunde
v-opportunity_status-open = Åben
v-opportunity_status-won = Vundet
v-opportunity_status-lost = Tabt
v-opportunity_type-new_business = Nysalg
v-opportunity_type-expansion = Mersalg
v-opportunity_type-renewal = Fornyelse
v-forecast_category-pipeline = Pipeline
v-forecast_category-best_case = Bedste fald
v-forecast_category-commit = Forpligtet
v-forecast_category-closed = Lukket
v-forecast_category-omitted = Udeladt
v-sales_role-lead_generation = Leadgenerering
v-sales_role-account_executive = Sælger
v-sales_role-customer_success = Kundesucces
v-sales_role-manager = Leder
v-sales_role-vp = Salgsdirektør
v-sales_role-sales_engineer = Salgsingeniør
v-sales_role-operations = Salgssupport
v-access_role-admin = Administrator
v-access_role-vp = Salgsdirektør
v-access_role-manager = Leder
v-access_role-rep = Sælger
v-channel-field = Felt
v-channel-inside = Indesalg
v-activity_kind-call = Opkald
v-activity_kind-visit = Besøg
v-activity_kind-meeting = Møde
v-activity_kind-email = E-mail
v-activity_kind-task = Opgave
v-buying_role-decision_maker = Beslutningstager
v-buying_role-economic_buyer = Økonomisk køber
v-buying_role-technical_buyer = Teknisk køber
v-buying_role-champion = Fortaler
v-buying_role-influencer = Påvirker
v-buying_role-user = Bruger
v-buying_role-gatekeeper = Gatekeeper
v-buying_role-other = Andet
v-renewal_status-pending = Afventer
v-renewal_status-in_negotiation = Under forhandling
v-renewal_status-renewed = Fornyet
v-renewal_status-lost = Tabt
v-split_type-revenue = Omsætning
v-split_type-overlay = Overlay
v-time-direct_selling = Direkte salg
v-time-travel = Rejse
v-time-administration = Administration
v-time-internal_meeting = Interne møder
v-time-training = Uddannelse
v-time-service = Service
v-time-prospecting_research = Kunderesearch

## Compensation
nav-comp = Aflønning
comp-intro = Udbetalingskørsler og lønsedler. En kørsel ændres aldrig: køres en periode igen, gemmes en ny kørsel, der betaler forskellen.
comp-what-if = Hvad nu hvis
comp-plans = Planversioner
comp-runs = Kørsler
comp-no-runs = Ingen kørsel er gemt endnu.
comp-run = Kørsel
comp-as-of = Pr.
comp-run-by = Kørt af
comp-payees = Modtagere
comp-due = Optjent
comp-to-pay = Til udbetaling
comp-plan-versions = Planversioner
comp-plan-file = planfil
comp-run-period = Periode at køre
comp-run-button = Kør og gem
comp-run-stored = kørsel { $run } gemt for { $period }
comp-statements-in = Opgørelser i kørsel { $run }, { $period }
comp-adjustments = Reguleringer
comp-draw-balance = Skyldig fra forskud
comp-plan-changes = Planændringer i år
comp-statement-title = Opgørelse: { $name }, { $period }
comp-statement-sub = Kørsel { $run }, { $from } til { $until }, data pr. { $date }; planversioner { $versions }
comp-print = Udskriv
comp-download-csv = Hent CSV
comp-download-xlsx = Hent XLSX
comp-all-statements = Alle opgørelser i kørslen
comp-total = I alt
comp-total-detail = summen af de afrundede linjer
comp-to-pay-detail = reguleringer mod kørsel { $run }
comp-plan-changes-detail = gange din plan er ændret i dette regnskabsår
comp-problems = Skal rettes, før dette udbetales fuldt
comp-lines = Linjer
comp-component = Komponent
comp-days = Dage
comp-line = Linje
comp-measure = Mål
comp-achieved = Opnået
comp-quota = Mål (kvote)
comp-attainment = Målopfyldelse
comp-band = Interval
comp-rate = Sats
comp-amount = Beløb
comp-why = Sådan blev det beregnet
comp-draw = Forskud
comp-credits = Kredit for { $component } ({ $plan })
comp-deal = Aftale
comp-credited-on = Krediteret
comp-source = Kredit fra
comp-quantity = Kredit
comp-counted = Talt med
comp-counted-yes = ja
comp-not-counted = ikke talt med: { $reason }
comp-adjustments-title = Reguleringer mod kørsel { $run }
comp-paid = Betalt
comp-clawback = tilbagebetaling
comp-kind-tier = interval { $n }
comp-kind-below-threshold = under tærskel
comp-kind-no-quota = ingen kvote
comp-kind-cap = loft
comp-kind-gate = port { $n }
comp-kind-draw-top-up = forskud udbetalt
comp-kind-draw-recovery = forskud modregnet
comp-line-threshold = tærskel
comp-source-owner = ejer
comp-source-revenue = omsætningsdeling { $share }
comp-source-overlay = overlay { $share }
comp-source-lead = lead { $lead }
comp-governance = Styring, { $year }
comp-governance-intro = Hvor målopfyldelsen landede i forhold til hver linje i planen, over seneste kørsel i hver periode af året. En ophobning lige over en linje og et hul lige under er tegn på aftaler timet til at komme over den.
comp-governance-runs = Kørsler læst: { $runs }
comp-year = Regnskabsår
comp-no-governance = Ingen kørsel for dette år er gemt endnu.
comp-distribution = { $component } ({ $plan }): modtagerperioder efter målopfyldelse
comp-distribution-pay = { $component } ({ $plan }): udbetaling efter målopfyldelse
comp-bunching = Hvem der landede inden for { $width } af hver linje
comp-breakpoint = Linje
comp-just-below = Lige under
comp-just-above = Lige over
comp-plan-changes-title = Planændringer pr. person i { $year }
comp-plan-changes-intro = Sælgere, hvis plan ændres ofte, holder op med at stole på den: mere end én ændring om året markeres.
comp-no-plan-changes = Ingens plan blev ændret i år.
comp-changes = Ændringer
comp-what-if-title = Hvad nu hvis: en foreslået plan på de faktiske tal for { $period }
comp-what-if-intro = Redigér planbogen og se, hvad den ville have betalt for sidste kvartals aftaler, ved siden af hvad de gældende planer betaler. Intet gemmes.
comp-plan-text = Planbog (TOML)
comp-plan-problems = Planen kan ikke bruges, som den er
comp-compute = Beregn
comp-current-plan = Gældende planer
comp-proposed-plan = Foreslået plan
comp-difference = Forskel
comp-cost-detail = { $share } af { $bookings } booket
comp-per-person = Pr. person
comp-attainment-proposed = Målopfyldelse under den foreslåede plan
comp-plans-intro = En version gælder fra sin første dag til den dag, den slutter; hvor versioner overlapper, gælder den senest gemte. At gemme ændrer aldrig en gemt version eller en gemt kørsel.
comp-version = Version
comp-from = Gælder fra
comp-until = Til
comp-note = Note
comp-saved-by = Gemt af
comp-saved-at = Gemt
comp-in-force = gælder i dag
comp-edit = Redigér en kopi
comp-until-replaced = indtil den erstattes
comp-save-version = Gem som ny version
comp-version-saved = planversion { $id } gemt
comp-default-plans = Ingen version er gemt endnu: kørsler bruger standardplanerne nedenfor.
comp-file-sheet = Opgørelse
comp-file-payee = Modtager
comp-file-plan = Plan
comp-file-first-day = Første dag
comp-file-last-day = Sidste dag
comp-file-currency = Valuta
comp-file-deals = Aftaler
comp-file-adjustment = regulering
comp-file-adjustment-why = betalt { $paid }, optjent { $due }: { $reason }
comp-pay-multiplier = { $multiplier }× målbonus
comp-pay-rate = { $rate } af det krediterede beløb
comp-pay-per-unit = { $amount } pr. enhed
comp-why-tier = { $decelerator ->
    [yes] { $credited } krediteret i intervallet { $band }, en nedtrapning, med { $rate }
   *[no] { $credited } krediteret i intervallet { $band } med { $rate }
}
comp-why-tier-incentive = { $decelerator ->
    [yes] { $credited } krediteret i intervallet { $band }, en nedtrapning, med { $rate } af en målbonus på { $incentive } vægtet { $weight }
   *[no] { $credited } krediteret i intervallet { $band } med { $rate } af en målbonus på { $incentive } vægtet { $weight }
}
comp-why-below-threshold = målopfyldelsen på { $attainment } er under tærsklen på { $threshold }: intet udbetales
comp-why-no-quota = { $whose ->
    [team] dit team har ingen kvote for { $measure }: tilføj en, eller giv komponenten »{ $component }« en fast kvote
   *[own] du har ingen kvote for { $measure }: tilføj en, eller giv komponenten »{ $component }« en fast kvote
}
comp-why-cap = begrænset til komponentens loft på { $cap }
comp-why-gate = bonus for at nå { $at } målopfyldelse
comp-why-draw-top-up = { $recoverable ->
    [yes] indtjeningen på { $earned } er under det tilbagebetalingspligtige forskud på { $draw }: suppleret op
   *[no] indtjeningen på { $earned } er under det garanterede forskud på { $draw }: suppleret op
}
comp-why-draw-recovery = modregner { $recovered } af de { $owed }, der skyldes fra tidligere forskud, i indtjeningen over forskuddet
comp-reason-clawback = { $n ->
    [one] tilbagebetaling af aftale { $deals }, annulleret inden for fristen
   *[other] tilbagebetaling af aftalerne { $deals }, annulleret inden for fristen
}
comp-reason-removed = { $n ->
    [one] aftale { $deals } krediteres ikke længere
   *[other] aftalerne { $deals } krediteres ikke længere
}
comp-reason-added = { $n ->
    [one] aftale { $deals } er nu krediteret
   *[other] aftalerne { $deals } er nu krediteret
}
comp-reason-recomputed = krediterede beløb, en kvote eller planen er ændret
comp-exclusion-currency = i { $credited }, planen betaler i { $plan }
comp-exclusion-clawback = { $n ->
    [one] annulleret { $date }, { $count } dag efter at den blev vundet, inden for tilbagebetalingsfristen på { $window } dage
   *[other] annulleret { $date }, { $count } dage efter at den blev vundet, inden for tilbagebetalingsfristen på { $window } dage
}

v-comp_measure-bookings = Bookinger
v-comp_measure-gross_profit = Bruttofortjeneste
v-comp_measure-new_logos = Nye kunder
v-comp_measure-leads_converted = Konverterede leads
v-comp_measure-deals_closed = Vundne aftaler
v-comp_measure-renewals = Fornyelser
v-comp_measure-team_bookings = Teamets bookinger
## Segments, call patterns and execution, CALLPLAN (plan pages)
nav-segments = Segmenter
nav-icp = Idealkunde
nav-call-patterns = Besøgsmønstre
nav-workload = Arbejdsbyrde
nav-compliance = Besøgsoverholdelse
nav-queue = Arbejdskø
nav-time = Tidsforbrug
nav-callplan = CALLPLAN
v-contact_mode-face_to_face = Ansigt til ansigt
v-contact_mode-phone = Telefon
v-contact_mode-video = Video
v-contact_mode-email = E-mail
v-contact_mode-none = Ingen
v-period_kind-month = måned
v-period_kind-quarter = kvartal
v-period_kind-year = år
plan-a-year = om året
plan-account-id = Kundenummer
plan-accounts-of = { $who }s kunder
plan-actual = Gennemført
plan-add-pattern = Tilføj et besøgsmønster
plan-all-teams = Alle teams
plan-band = I forhold til 55–65 %
plan-band-above = Over
plan-band-below = Under
plan-band-within = Inden for
plan-behind = Bagud
plan-budget-hours = Salgstimer
plan-call-hours = Besøgstimer
plan-call-logged = besøg { $id } registreret
plan-callplan-accounts-of = Største ændringer for { $who }
plan-callplan-by-rep = Nuværende mønster mod planen, pr. sælger
plan-callplan-how = Hver kunde er sit potentiale værd ved { $margin } bruttomargin; r(n) = a + (b − a)·nᶜ/(d + nᶜ) er den andel, n besøg om året giver. Skriv a,b,c,d pr. segment; c over 1 giver S-form.
plan-callplan-intro = Lodishs CALLPLAN: hver sælgers salgstid bruges, hvor besøgene giver mest forventet bruttoavance.
plan-calls = Besøg
plan-calls-a-year = Besøg om året
plan-capacity-hours = Kapacitetstimer
plan-capacity-per-person = Timer pr. person
plan-chart-distribution = Kunder pr. segment
plan-chart-fit = Match-score mod { $profile }
plan-chart-gain = Forventet gevinst pr. sælger
plan-chart-pareto = Pareto-kurve: andel af potentialet hos de største kunder
plan-chart-time-trend = Andel direkte salg pr. måned
plan-chart-utilisation = Arbejdsbyrde som andel af kapacitet
plan-clear-override = Tilbage til reglen
plan-compliance = Overholdelse
plan-compliance-by-team = Planlagte mod gennemførte besøg pr. team
plan-compliance-intro = Besøg fra { $from } til { $to } mod besøgsmønstrene; en kunde er forsinket, når intervallet er gået siden sidste besøg.
plan-current-calls = Besøg nu
plan-current-hours = Timer nu
plan-current-profit = Forventet med nuværende mønster
plan-curve-of = Kurve { $segment }
plan-curves-saved = { $count } responskurver gemt
plan-days-overdue = Dage forsinket
plan-deals = Salgsmuligheder
plan-delete = Slet
plan-direct-share = Direkte salg
plan-duration = Minutter
plan-explanation = Hvorfor
plan-frequency = Hyppighed
plan-gain = Forventet gevinst
plan-hours-needed = Timer der skal bruges
plan-icp-editor = Profil (JSON)
plan-icp-editor-help = Vægtede kriterier over employees, annual_revenue, potential (intervaller, mindste enhed), industry, region (mængder) og customer, part_of_group (ja/nej); fit_from i milliontedele. Gemmes under et eksisterende navn, erstattes profilen.
plan-icp-fit-from = passer fra { $share }
plan-icp-fitting-accounts = Kunder der passer
plan-icp-fitting-deals = Salgsmuligheder der passer
plan-icp-intro = Hvor godt hver kunde passer til en idealkundeprofil, og hvor meget af den åbne nysalgspipeline der ligger hos kunder, der passer.
plan-icp-none = Der er endnu ikke gemt nogen idealkundeprofil.
plan-icp-of-accounts = af { $accounts } kunder
plan-icp-pipeline-by = Åben nysalgspipeline hos kunder der passer
plan-icp-pipeline-share = Pipeline der passer
plan-icp-profiles = Profiler
plan-icp-saved = profilen { $profile } er gemt
plan-icp-unreadable = Profilen kan ikke læses: { $problem }. Ret JSON-teksten og gem igen.
plan-last-call = Seneste besøg
plan-log = Registrér
plan-log-call = Registrér et besøg
plan-logged-hours = Registrerede timer
plan-minutes = { $minutes } min
plan-mode = Hvordan
plan-never = aldrig
plan-no-overrides = Ingen segmenter er sat manuelt.
plan-no-such-account = Der findes ingen kunde { $account }, som du kan se; angiv kundenummeret.
plan-overdue = Forsinket
plan-overdue-accounts = Forsinkede kunder ({ $count })
plan-override-cleared = kunde { $account } følger reglen igen
plan-override-set = kunde { $account } er sat til { $segment }
plan-overrides = Segmenter sat manuelt
plan-pattern-added = besøgsmønster { $id } tilføjet
plan-pattern-deleted = besøgsmønster { $id } slettet
plan-patterns-intro = Hvor ofte hvert segment besøges, af hvem og hvordan. Et mønster for et segment, som segmenteringen ikke har, afvises.
plan-people-needed = Personer der skal til
plan-people-now = Personer nu
plan-per = { $calls } pr. { $period }
plan-per-period = Pr.
plan-planned = Planlagt
plan-planned-calls = Besøg i planen
plan-planned-hours = Timer i planen
plan-planned-profit = Forventet med planen
plan-position = #
plan-queue-empty = Ingen kunder med besøgsmønster at vise.
plan-queue-intro = Forsinkede kunder først, det mest værdifulde segment først, dem der har ventet længst først.
plan-queue-of = { $who }s arbejdskø
plan-rank = Placering
plan-reason = Begrundelse
plan-reps-of = Sælgerne i { $team }
plan-rule-segment = Efter reglen
plan-save-curves = Behold disse kurver som standard
plan-segment = Segment
plan-segment-name = Segment { $segment }
plan-segments-intro = Kunder opdelt i A/B/C efter potentiale pr. { $date }: A har den første halvdel af potentialet, B de næste 30 %.
plan-selling-share = Salgsandel af kapaciteten (%)
plan-set-by = Sat af
plan-set-override = Sæt en kundes segment manuelt
plan-share-of-measure = Andel af potentialet
plan-share-of-potential = { $share } af potentialet
plan-show = Vis
plan-sizing = Personer hver rolle skal bruge for at følge mønstrene
plan-subject = Emne
plan-target-high = Mål 65 %
plan-target-low = Mål 55 %
plan-time-by-person = De seneste tre måneder pr. person, ikke-salgstid specificeret (timer)
plan-time-intro = Hver persons andel af registreret tid i direkte salg mod målet på 55–65 %.
plan-top-accounts = De mest værdifulde kunder og hvorfor de er i deres segment
plan-total = I alt
plan-travel-hours = Rejsetimer
plan-unserved = { $calls } mønsterbesøg har ingen med mønstrets rolle og kanal til at udføre dem.
plan-utilisation = Udnyttelse
plan-what-if = Beregn igen
plan-who = Hvem
plan-workload-by-person = Arbejdsbyrde pr. person om året
plan-workload-by-team = Arbejdsbyrde pr. team om året
plan-workload-intro = Besøg × (varighed + rejse) for besøgsmønstrene på hver segmenteret kunde; rejse med { $speed } km/t fra hjemmet, kapacitet over { $weeks } arbejdsuger.
## Pipeline reviews and the forecast record
nav-reviews = Gennemgange
nav-forecast = Prognose
reviews-intro = En gennemgang fastfryser et teams åbne pipeline på en dato, hver aftale med sine kvalitetsflag. Skriv en note og træf en beslutning pr. aftale; teamets næste gennemgang viser, hvad der er ændret siden.
reviews-start = Start en gennemgang
reviews-none = Ingen gennemgange endnu.
review-taken-by = Foretaget af
review-deals = Aftaler
review-flagged = Markeret
review-decided = Besluttet
review-title = Gennemgang af { $team } pr. { $date }
review-taken = Foretaget af { $who } den { $date }.
review-changes = Siden forrige gennemgang
review-changes-summary = I forhold til gennemgangen { $date }: { $before } dengang, { $gone } væk, { $new } nyt, { $change } i ændrede beløb: { $after } nu.
review-no-changes = Intet er ændret.
review-first = Dette er teamets første gennemgang: den næste viser, hvad der er ændret siden.
review-what-changed = Hvad er ændret
review-carried = Beslutning sidst
review-new = Ny
review-gone = Væk
review-amount-change = Beløb { $from } → { $to }
review-stage-change = Fase { $from } → { $to }
review-close-change = Lukkedato { $from } → { $to }
review-flags = Flag
review-decision = Beslutning
review-note = Note
review-undecided = Ikke besluttet
v-decision-commit = Forpligt
v-decision-downgrade = Nedgrader
v-decision-remove = Fjern
flag-stale = Ingen ændring i { $n } dage
flag-pushed = Lukkedato udskudt { $n } gange
flag-no_activity = Ingen salgsaktivitet i { $n } dage
flag-no_activity-never = Ingen salgsaktivitet registreret
flag-single_threaded = Afhænger af én kontakt ({ $n } kontakter)
flag-overdue = { $n } dage over tid
flag-outside_icp = Uden for den ideelle kundeprofil (match { $score })
bad-team = { $value } er ikke et team-id; vælg et team på listen.
bad-date = { $value } er ikke en dato; skriv den som ÅÅÅÅ-MM-DD.
forecast-intro = Prognoser pr. team pr. { $date }: det vundne plus den åbne pipeline efter prognosekategori og vægtet efter sandsynlighed.
forecast-upcoming = Kommende kvartaler
forecast-weighted = Vægtet
forecast-commit-forecast = Forpligtet prognose
forecast-best-case-forecast = Bedste-fald-prognose
forecast-weighted-forecast = Vægtet prognose
forecast-actual = Faktisk
forecast-accuracy = Prognosepræcision
forecast-accuracy-explained = Hvert tidligere kvartals prognose, som den stod på samme tidspunkt i kvartalet som i dag, genskabt fra aftalernes historik, over for det vundne. Afvigelse er prognose minus faktisk, som andel af faktisk.
forecast-made-on = Lavet
forecast-commit-error = Afvigelse, forpligtet
forecast-weighted-error = Afvigelse, vægtet
forecast-recorded = Gemte prognoser
forecast-recorded-none = Ingen gemt endnu: hver gennemgang gemmer teamets prognose, og det gør sutton pipeline forecast --record også.
chart-forecast-accuracy = Prognoser over for faktiske ordrer, tidligere kvartaler
conversion-by-source = Konvertering efter kilde, seneste år
conversion-by-segment = Konvertering efter segment, seneste år
conversion-source = Kilde
conversion-segment = Segment
proposals-per-deal = Tilbud pr. aftale
## End of pipeline reviews and the forecast record
## Territory scenarios: list, editor, comparison, how many reps
nav-territories = Distrikter
terr-intro = Gemte inddelinger målt efter optimeringens regler: balance mod mål, rejsevej, ændring mod den gældende inddeling, skårne grænser og sammenhæng.
terr-scenarios = Scenarier
terr-scenario = Scenarie
terr-territories = Distrikter
terr-balance = Balance
terr-travel = Gennemsnitlig rejsevej til centrum
terr-travel-detail = vægtet med det første balancerede mål
terr-disruption = Ændring
terr-cut-edges = Skårne grænser
terr-cut-edges-detail = amtsgrænser mellem distrikter
terr-contiguity = Sammenhæng
terr-all-contiguous = Alle hænger sammen
terr-not-contiguous-count = { $n ->
    [one] { $count } distrikt i flere dele
   *[other] { $count } distrikter i flere dele
}
terr-split = i flere dele
terr-balance-cell = { $measure }: maks ±{ $max }, CV { $cv }
terr-km = { $km } km
terr-hours = { $hours } t
terr-moved-cell = { $count } ({ $share })
terr-status-current = Gældende
terr-status-scenario = Scenarie
terr-status-archived = Arkiveret
terr-measure-accounts = Kunder
terr-measure-potential = Potentiale
terr-measure-workload = Besøgsarbejde
terr-balance-within = { $measure } inden for ±{ $tolerance }
terr-max-disruption-is = højst { $share } af amterne flyttes
terr-homes-used = rejsevej målt fra sælgernes bopæl
terr-seed-is = frø { $seed }
terr-compare = Sammenlign side om side
terr-left = Venstre
terr-right = Højre
terr-sizing-link = Hvor mange sælgere? Balance, rejsevej og arbejdsmængde, når antallet af distrikter ændres
terr-new = Nyt scenarie
terr-name = Navn
terr-default-name = Balanceret forslag
terr-balance-what = Hvad skal balanceres
terr-tolerance = Tolerance
terr-max-disruption = Største andel amter, der må skifte distrikt (%)
terr-seed = Frø
terr-use-homes = Mål rejsevejen fra hver sælgers bopæl
terr-plan = Planlæg i baggrunden
terr-bad-percent = { $field } er { $value }: angiv en procent mellem 0 og 100.
terr-choose-measure = Vælg mindst ét mål at balancere.
terr-planning = Planlægger { $name }
terr-reoptimising = Optimerer { $name } igen
terr-job-running = Optimeringen kører. Siden opdaterer sig selv.
terr-job-steps = { $done } af { $total } trin færdige
terr-job-done = Færdig på { $seconds } s.
terr-open-scenario = Åbn scenariet
terr-not-met = Ikke opfyldt
terr-balance-of = Balance i { $measure }
terr-balance-detail = CV { $cv } · tolerance ±{ $tolerance } · { $outside } udenfor
terr-counties-moved = { $n ->
    [one] { $count } amt skifter distrikt
   *[other] { $count } amter skifter distrikt
}
terr-broken = Hænger ikke sammen: { $territories }. Flyt amter, så hvert distrikt er ét stykke.
terr-balance-chart = { $measure } pr. distrikt
terr-target-band = mål { $target } ±{ $tolerance }
terr-locked = låst
terr-home-of = Bopæl for { $rep } ({ $territory })
terr-map-title = Distrikterne i { $name }
terr-read-only = Kun læsning: kun en salgsdirektør eller en administrator kan ændre et scenarie, og kun et scenarie (ikke den gældende inddeling) kan ændres.
terr-edit = Flyt eller lås et amt
terr-edit-help = Klik på et amt på kortet (eller vælg det nedenfor), og flyt det til et andet distrikt eller lås det. Et flyttet amt låses, så en ny optimering beholder det.
terr-move-to = Flyt til
terr-move = Flyt og lås
terr-lock = Lås
terr-unlock = Lås op
terr-reoptimise-help = { $n ->
    [one] Kør optimeringen igen; { $count } låst amt bliver, hvor det er.
   *[other] Kør optimeringen igen; { $count } låste amter bliver, hvor de er.
}
terr-reoptimise = Optimer igen
terr-publish-confirm = Gøre { $name } til den gældende inddeling og give kunderne til distrikternes sælgere?
terr-publish-help = Gør dette scenarie til den gældende inddeling: kunderne følger sælgeren i deres distrikt. Ændringen logges.
terr-publish = Udgiv
terr-compare-current = Sammenlign med den gældende inddeling
terr-moved = { $county } flyttet til { $territory } og låst
terr-locked-done = { $county } låst
terr-unlocked-done = { $county } låst op
terr-published = Udgivet: { $moved } kunder har fået ny ansvarlig, { $kept } beholder deres (distriktet har ikke præcis én aktiv sælger).
terr-compare-sub = { $a } ved siden af { $b }
terr-metrics = Nøgletal
terr-max-deviation-of = { $measure }: største afvigelse
terr-cv-of = { $measure }: variationskoefficient
terr-sizing = Hvor mange sælgere
terr-sizing-intro = Optimeringen køres for hvert antal distrikter i intervallet med samme balance; den gældende inddeling har { $current } distrikter.
terr-from = Fra
terr-to = Til
terr-sizing-run = Kør i baggrunden
terr-bad-range = Fra { $from } til { $to } er ikke et interval, denne side kører: slutningen må ikke være under starten, og højst { $max } størrelser prøves.
terr-sizing-verdict = { $k } distrikter er det færreste, der holder hvert distrikt inden for tolerancen og i ét stykke, med hver sælgers arbejdsmængde inden for kapaciteten (nu { $current }).
terr-sizing-none = Intet antal distrikter fra { $from } til { $to } opfylder alle tolerancer inden for kapaciteten: udvid intervallet eller tolerancen.
terr-chart-deviation = Største afvigelse fra mål (%)
terr-chart-travel = Gennemsnitlig rejsevej til distriktets centrum (km)
terr-chart-workload = Besøgsarbejde pr. sælger mod kapacitet (timer om året)
terr-workload-per-rep = Arbejdsmængde pr. sælger
terr-capacity-per-rep = Kapacitet pr. sælger
terr-accounts-per-rep = Kunder pr. sælger
terr-meets-tolerance = Inden for tolerancen
terr-within-capacity = Inden for kapaciteten
terr-capacity-note = Kapacitet: { $hours } om året pr. sælger (ugentlig kapacitet × 46 arbejdsuger). Arbejdsmængden tæller besøgsmønstrenes samtaletid, ikke rejsetid.

segwhy-measure-potential = potentiale
segwhy-measure-revenue = omsætning
segwhy-measure-gross-profit = bruttoavance
segwhy-measure-icp-score = ICP-score
segwhy-rank = nummer { $rank } af { $of } efter { $measure }; { $why }
segwhy-override = sat til { $segment } af { $who } den { $date } ({ $reason }); reglen giver { $computed }: { $why }
segwhy-nothing = ingen værdi for { $measure } at rangere efter: sidste segment
segwhy-pareto-under = kunderne rangeret over har { $share } af totalen, under grænsen på { $cut }: { $segment }
segwhy-pareto-over = kunderne rangeret over har { $share } af totalen, på eller over grænsen på { $cut }: { $segment }
segwhy-pareto-any = kunderne rangeret over har { $share } af totalen: { $segment }
segwhy-percentile = { $share } af kunderne er rangeret over: { $segment }
segwhy-threshold = { $value } når { $segment }-grænsen på { $floor }
segwhy-threshold-under = { $value } er under alle grænser: { $segment }
plan-gain-why = Hvorfor lavere nu
plan-gain-over-budget = Det nuværende mønster kræver { $current } timer, mere end de { $budget } salgstimer, der er: tallet er uopnåeligt, og planen passer til tiden.
plan-gain-steps = Samtalernes længde rundes op til trin på { $minutes } minutter i planen, så den kan ende lidt under det nuværende mønster.
