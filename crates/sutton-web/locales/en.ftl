# Sutton's interface in English: the reference every other language must match id for id.
# Values of closed sets have ids v-<set>-<value>.

## Navigation and shell
nav-label = Main
nav-dashboard = Dashboard
nav-accounts = Accounts
nav-opportunities = Opportunities
nav-people = People and teams
nav-map = Map
nav-users = Users
nav-audit = Audit log
nav-system = System
nav-settings = Your settings
language = Language
apply = Apply
sign-in = Sign in
sign-out = Sign out
back-home = Back to the dashboard

## Errors
forbidden-title = Not for your role
forbidden-detail = Your role does not give access to this page, or the form had expired. Reload the page and try again.
not-found-title = Not found
not-found-detail = There is no such record, or it is outside what you can see.
bad-request-title = That request cannot be answered
bad-field = { $field } cannot be “{ $value }”.
failed-title = Sutton cannot answer right now

## Signing in
login-intro = Sales force effectiveness: sign in to see your accounts, pipeline and plans.
login-name = Login
password = Password
login-wrong = The login or the password is wrong.
login-expired = The sign-in form had expired. Please try again.
login-throttled = Too many failed sign-ins. Try again in { $minutes } minutes.

## Dashboard
dash-scope-all = All of { $org }
dash-scope-team = { $name }’s teams
dash-scope-own = { $name }’s own book
dash-scope-none = No sales person is linked to your login, so there is nothing in your scope.
as-of = as of { $date }
bookings-in = Bookings { $period }
no-quota = no quota set
of-quota = { $share } of { $quota } quota
open-pipeline = Open pipeline
deals-count = { $n ->
    [one] { $count } deal
   *[other] { $count } deals
}
win-rate = Win rate
win-rate-detail = won of closed, last four quarters
selling-time = Time spent selling
selling-time-detail = of logged time, last 90 days
customers = Customers
prospects-count = { $count } prospects
bookings = Bookings
quota = Quota
won = Won
if-all-close = If all close
quota-is = Quota: { $quota }
chart-bookings-quota = Bookings against quota by quarter
chart-pipeline-months = Open pipeline by month of expected close
chart-path-to-quota = Path to quota, { $period }
chart-stages = Open deals by stage
chart-time = Where the time went, last 90 days (hours)
hours = { $hours } h
see-map = See where the accounts are on the map →

## Lists and records
search = Search
search-accounts-hint = name, city or ZIP
status = Status
all = All
owner = Owner
anyone = Anyone
filter = Filter
previous = Previous
next = Next
page-of = Page { $page } of { $pages } ({ $total } in all)
accounts-found = { $n ->
    [one] { $count } account
   *[other] { $count } accounts
}
no-accounts = No accounts match.
no-deals = No deals match.
no-owner = no owner
account = Account
accounts = Accounts
industry = Industry
city = City
employees = Employees
potential = Potential
annual-revenue = Annual revenue
location = Location
geo-unit = County
territory = Territory
created = Created
external-id = CRM id
contracts = Contracts
none = None.
start = Start
end = End
annual-value = Annual value
renewal = Renewal
contacts-count = { $n ->
    [one] { $count } contact
   *[other] { $count } contacts
}
name = Name
job-title = Title
buying-role = Buying role
email = E-mail
engaged = Engaged
yes = yes
no = no
recent-activities = Recent activities
date = Date
kind = Kind
by = By
minutes = Minutes
subject = Subject
opportunity = Opportunity
type = Type
stage = Stage
forecast = Forecast
close-date = Close date
amount = Amount
close-from = Closing from
close-to = Closing to
probability = probability { $share }
probability-short = Probability
created-on = created { $date }
discount = Discount
margin-is = margin { $share }
line-items = Line items
product = Product
quantity = Quantity
list-price = List price
deal-team = Deal team
role = Role
split-type = Split
split = Share
chart-amount-history = Amount over the deal’s life
history = History

## People
teams = Teams
people-count = { $n ->
    [one] { $count } person
   *[other] { $count } people
}
managed-by = managed by
chart-hours-heatmap = Hours logged by person and category
since = since { $date }
channel = Channel
team = Team
manager = Manager
hired = Hired
left = Left
capacity = Capacity
hours-per-week = { $hours } h/week

## Map
colour-by = Colour by
map-summary = { $accounts } accounts in { $counties } counties.
map-title-accounts = Accounts by county
map-title-potential = Potential by county
county = County
value = Value

territory-balance-accounts = Territories: accounts against the average
territory-balance-potential = Territories: potential against the average
territory-summary = { $territories } territories in the current alignment; the furthest from the average is { $worst } off.
no-territories = There is no current territory alignment in your scope.
covered-by = Covered by
counties = Counties
deviation = From average
vacant = vacant
left-on = left { $date }

nav-whiplash = Whiplash
whiplash-intro = Boom and bust seen before it lands: each team’s risk from 0 to 100 and its causes, as of { $date }, over the next { $periods } quarters.
whiplash-alerts = Alerts
whiplash-no-alerts = No alerts: nothing beyond its threshold.
whiplash-no-causes = Nothing beyond its threshold.
whiplash-by-team = Risk by team
risk = Risk
causes = Causes
risk-points = { $points } points of risk
booked-plus-pipeline = Booked + open pipeline
expiring-contracts = Contracts expiring
chart-whiplash-outlook = { $team }: the coming quarters
chart-bookings-history = { $team }: bookings by quarter
v-cause-volatility = Volatile bookings
v-cause-forward_coverage = Thin forward coverage
v-cause-renewal_cliff = Renewal cliff
v-cause-concentration = Concentration
v-cause-engagement_gap = Customers left alone
v-cause-single_threaded = Single-threaded
v-cause-funnel_starvation = Starved funnel
v-cause-product_skew = Product skew

nav-pipeline = Pipeline
chart-coverage = Coverage in place against coverage needed, by team and quarter (darker: further short)
coverage-explained = The coverage needed is learnt from each team’s history: how much open pipeline, at the same distance before a quarter, it took to make the quarter.
coverage-cell = { $have }× of { $need }×
period = Period
booked = Booked
coverage = Coverage
gap = Gap
chart-movement = This quarter’s pipeline from { $from } to { $to }
move-new = New
move-pulled-in = Pulled in
move-grown = Grown
move-pushed-out = Pushed out
move-shrunk = Shrunk
move-won = Won
move-lost = Lost
conversion-title = Conversion, deals closed in the last year
value-win-rate = Win rate by value
average-won = Average won deal
cycle-days = Cycle (days)
proposal-win-rate = Proposal win rate

nav-coverage = Coverage
coverage-intro = As of { $date }: accounts per rep against a workable span of { $low }–{ $high } (±25 % around the average), and accounts without a working owner.
chart-accounts-per-rep = Accounts per rep
below-span = below the span
above-span = above the span
orphaned-count = { $n ->
    [one] { $count } account without a working owner
   *[other] { $count } accounts without a working owner
}
why-uncovered = Why
proposed-owner = Proposed interim owner

## Administration
person = Sales person
no-person = (no sales person)
done = Done: { $what }
disabled = disabled
actions = Actions
save = Save
are-you-sure = Are you sure?
enable = Enable
disable = Disable
new-password = new password
set-password = Set password
add-user = Add a user
user-added = added { $login }
user-changed = changed { $login }
cannot-demote-self = You cannot take away your own administrator role.
cannot-disable-self = You cannot disable your own login.
audit-intro = Who changed users, roles, segments, territories and plans, and when. Newest first.
when = When
who = Who
action = Action
what = What
detail = Detail
organisation = Organisation
database = Database
engine = Engine
schema-version = Schema version
currency = Reporting currency
fiscal-year-starts = Fiscal year starts in
today-is = Today, for reports
empty-database = This database holds no records yet. Import your CRM’s export or generate the demo organisation.
records-held = Records held
count = Count

nav-import = Import
import-intro = Upload your CRM’s export: Salesforce Data Export or Data Loader files, HubSpot exports, or Sutton’s own CSV files, as CSV or XLSX. Each file’s source and object are recognised from its name and header. Records that exist already are updated by their CRM id.
import-files = Files (several at once, or a whole weekly export)
import-source = Where the files come from
import-detect = Recognise from the headers
import-mode = If some rows are wrong
import-all-or-nothing = import nothing and list every wrong row (recommended)
import-skip-invalid = import the valid rows and list the wrong ones
import-dry-run = only check, write nothing
import-start = Import
import-upload-failed = The upload did not arrive whole: { $reason }
import-no-files = Choose at least one file to import.
import-reading = Reading the files
import-another = Import more files
import-report = Import report
import-running = Importing
import-rows = { $done } of { $total } rows
import-elapsed = { $seconds } s so far; this page updates itself.
import-failed = { $n ->
    [one] Nothing was imported: { $count } row is wrong. Correct it and import again.
   *[other] Nothing was imported: { $count } rows are wrong. Correct them and import again.
}
import-dry-run-done = Checked only; nothing was written.
import-written = Imported.
import-written-some = { $n ->
    [one] Imported the valid rows; { $count } row was left out.
   *[other] Imported the valid rows; { $count } rows were left out.
}
import-took = ({ $seconds } s)
import-summary = What happened, per kind of record
import-read = Read
import-created = Created
import-updated = Updated
import-unchanged = Unchanged
import-rejected = Rejected
import-files-read = Files read as
import-skipped = Files skipped
import-placeholders = People known only by their CRM id so far
import-ignored-columns = Columns Sutton does not use
import-new-stages = Sales stages added
import-problems = { $n ->
    [one] { $count } problem
   *[other] { $count } problems
}
import-file = File
import-line = Line
import-column = Column
import-field = Field
import-reason = Why
import-more-problems = …and { $count } more.

## Your settings
you = You
sessions-intro = Signed in on a computer you no longer use?
sign-out-everywhere = Sign out everywhere
api-tokens = Personal API tokens
api-tokens-intro = Scripts and other systems use a token to read what you can see through the JSON API. Treat it like a password.
token-shown-once = Copy this token now: it is shown only once.
last-used = Last used
revoke = Revoke
token-name = Token name
token-name-hint = what it is for, at most 100 characters
create-token = Create token
token-revoked = token revoked
api-described = The API is described at

## Values
v-account_status-prospect = Prospect
v-account_status-customer = Customer
v-account_status-former = Former customer
v-opportunity_status-open = Open
v-opportunity_status-won = Won
v-opportunity_status-lost = Lost
v-opportunity_type-new_business = New business
v-opportunity_type-expansion = Expansion
v-opportunity_type-renewal = Renewal
v-forecast_category-pipeline = Pipeline
v-forecast_category-best_case = Best case
v-forecast_category-commit = Commit
v-forecast_category-closed = Closed
v-forecast_category-omitted = Omitted
v-sales_role-lead_generation = Lead generation
v-sales_role-account_executive = Account executive
v-sales_role-customer_success = Customer success
v-sales_role-manager = Manager
v-sales_role-vp = VP
v-sales_role-sales_engineer = Sales engineer
v-sales_role-operations = Sales operations
v-access_role-admin = Administrator
v-access_role-vp = VP
v-access_role-manager = Manager
v-access_role-rep = Rep
v-channel-field = Field
v-channel-inside = Inside
v-activity_kind-call = Call
v-activity_kind-visit = Visit
v-activity_kind-meeting = Meeting
v-activity_kind-email = E-mail
v-activity_kind-task = Task
v-buying_role-decision_maker = Decision maker
v-buying_role-economic_buyer = Economic buyer
v-buying_role-technical_buyer = Technical buyer
v-buying_role-champion = Champion
v-buying_role-influencer = Influencer
v-buying_role-user = User
v-buying_role-gatekeeper = Gatekeeper
v-buying_role-other = Other
v-renewal_status-pending = Pending
v-renewal_status-in_negotiation = In negotiation
v-renewal_status-renewed = Renewed
v-renewal_status-lost = Lost
v-split_type-revenue = Revenue
v-split_type-overlay = Overlay
v-time-direct_selling = Direct selling
v-time-travel = Travel
v-time-administration = Administration
v-time-internal_meeting = Internal meetings
v-time-training = Training
v-time-service = Service
v-time-prospecting_research = Prospecting research

## Compensation
nav-comp = Compensation
comp-intro = Payout runs and statements. A run is never changed: running a period again stores a new run that pays the difference.
comp-what-if = What-if
comp-plans = Plan versions
comp-runs = Runs
comp-no-runs = No run is stored yet.
comp-run = Run
comp-as-of = As of
comp-run-by = Run by
comp-payees = Payees
comp-due = Due
comp-to-pay = To pay
comp-plan-versions = Plan versions
comp-plan-file = plan file
comp-run-period = Period to run
comp-run-button = Run and store
comp-run-stored = run { $run } stored for { $period }
comp-statements-in = Statements in run { $run }, { $period }
comp-adjustments = Adjustments
comp-draw-balance = Owed from draws
comp-plan-changes = Plan changes this year
comp-statement-title = Statement: { $name }, { $period }
comp-statement-sub = Run { $run }, { $from } to { $until }, data as of { $date }; plan versions { $versions }
comp-print = Print
comp-download-csv = Download CSV
comp-download-xlsx = Download XLSX
comp-all-statements = All statements of the run
comp-total = Total
comp-total-detail = the sum of the rounded lines
comp-to-pay-detail = adjustments against run { $run }
comp-plan-changes-detail = times your plan changed this fiscal year
comp-problems = To fix before this pays in full
comp-lines = Lines
comp-component = Component
comp-days = Days
comp-line = Line
comp-measure = Measure
comp-achieved = Achieved
comp-quota = Target
comp-attainment = Attainment
comp-band = Band
comp-rate = Rate
comp-amount = Amount
comp-why = How it was computed
comp-draw = Draw
comp-credits = Credits for { $component } ({ $plan })
comp-deal = Deal
comp-credited-on = Credited on
comp-source = Credit from
comp-quantity = Credit
comp-counted = Counted
comp-counted-yes = yes
comp-not-counted = not counted: { $reason }
comp-adjustments-title = Adjustments against run { $run }
comp-paid = Paid
comp-clawback = clawback
comp-kind-tier = band { $n }
comp-kind-below-threshold = below threshold
comp-kind-no-quota = no quota
comp-kind-cap = cap
comp-kind-gate = gate { $n }
comp-kind-draw-top-up = draw top-up
comp-kind-draw-recovery = draw recovery
comp-line-threshold = threshold
comp-source-owner = owner
comp-source-revenue = revenue split { $share }
comp-source-overlay = overlay { $share }
comp-source-lead = lead { $lead }
comp-governance = Governance, { $year }
comp-governance-intro = Where attainment landed against each plan line, over the latest run of each period of the year. A crowd just above a line with a gap just below it is the sign of deals timed to clear it.
comp-governance-runs = Runs read: { $runs }
comp-year = Fiscal year
comp-no-governance = No run of this year is stored yet.
comp-distribution = { $component } ({ $plan }): payee-periods by attainment
comp-distribution-pay = { $component } ({ $plan }): payout by attainment
comp-bunching = Who landed within { $width } of each line
comp-breakpoint = Line
comp-just-below = Just below
comp-just-above = Just above
comp-plan-changes-title = Plan changes per person in { $year }
comp-plan-changes-intro = Sellers whose plan changes often stop trusting it: more than one change a year is flagged.
comp-no-plan-changes = Nobody's plan changed this year.
comp-changes = Changes
comp-what-if-title = What-if: a proposed plan on { $period }'s actuals
comp-what-if-intro = Edit the plan book and see what it would have paid on last quarter's deals, beside what the plans in force pay. Nothing is stored.
comp-plan-text = Plan book (TOML)
comp-plan-problems = The plan cannot be used as it is
comp-compute = Compute
comp-current-plan = Plans in force
comp-proposed-plan = Proposed plan
comp-difference = Difference
comp-cost-detail = { $share } of { $bookings } booked
comp-per-person = Per person
comp-attainment-proposed = Attainment under the proposed plan
comp-plans-intro = A version is in force from its first day until the day it ends; where versions overlap, the one saved last wins. Saving never changes a stored version or a stored run.
comp-version = Version
comp-from = In force from
comp-until = Until
comp-note = Note
comp-saved-by = Saved by
comp-saved-at = Saved at
comp-in-force = in force today
comp-edit = Edit a copy
comp-until-replaced = until replaced
comp-save-version = Save as a new version
comp-version-saved = plan version { $id } saved
comp-default-plans = No version is saved yet: runs use the default plans shown below.
comp-file-sheet = Statement
comp-file-payee = Payee
comp-file-plan = Plan
comp-file-first-day = First day
comp-file-last-day = Last day
comp-file-currency = Currency
comp-file-deals = Deals
comp-file-adjustment = adjustment
comp-file-adjustment-why = paid { $paid }, due { $due }: { $reason }
comp-pay-multiplier = { $multiplier }× target incentive
comp-pay-rate = { $rate } of credit
comp-pay-per-unit = { $amount } per unit
comp-why-tier = { $decelerator ->
    [yes] { $credited } credited in band { $band }, a decelerator, at { $rate }
   *[no] { $credited } credited in band { $band } at { $rate }
}
comp-why-tier-incentive = { $decelerator ->
    [yes] { $credited } credited in band { $band }, a decelerator, at { $rate } of a { $incentive } target incentive weighted { $weight }
   *[no] { $credited } credited in band { $band } at { $rate } of a { $incentive } target incentive weighted { $weight }
}
comp-why-below-threshold = attainment { $attainment } is below the threshold of { $threshold }: nothing is paid
comp-why-no-quota = { $whose ->
    [team] no { $measure } quota for their team: add one, or give component “{ $component }” a fixed quota
   *[own] no { $measure } quota for them: add one, or give component “{ $component }” a fixed quota
}
comp-why-cap = held to the component's cap of { $cap }
comp-why-gate = bonus for reaching { $at } attainment
comp-why-draw-top-up = { $recoverable ->
    [yes] earnings of { $earned } are below the recoverable draw of { $draw }: topped up
   *[no] earnings of { $earned } are below the non-recoverable draw of { $draw }: topped up
}
comp-why-draw-recovery = recovers { $recovered } of the { $owed } owed from earlier draws, out of earnings above the draw
comp-reason-clawback = { $n ->
    [one] clawback of deal { $deals }, cancelled within the window
   *[other] clawback of deals { $deals }, cancelled within the window
}
comp-reason-removed = { $n ->
    [one] deal { $deals } no longer credited
   *[other] deals { $deals } no longer credited
}
comp-reason-added = { $n ->
    [one] deal { $deals } newly credited
   *[other] deals { $deals } newly credited
}
comp-reason-recomputed = credited amounts, a quota or the plan changed
comp-exclusion-currency = in { $credited }, the plan pays in { $plan }
comp-exclusion-clawback = { $n ->
    [one] cancelled on { $date }, { $count } day after closing, within the { $window }-day clawback window
   *[other] cancelled on { $date }, { $count } days after closing, within the { $window }-day clawback window
}

v-comp_measure-bookings = Bookings
v-comp_measure-gross_profit = Gross profit
v-comp_measure-new_logos = New logos
v-comp_measure-leads_converted = Leads converted
v-comp_measure-deals_closed = Deals closed
v-comp_measure-renewals = Renewals
v-comp_measure-team_bookings = Team bookings
## Segments, call patterns and execution, CALLPLAN (plan pages)
nav-segments = Segments
nav-icp = Ideal client
nav-call-patterns = Call patterns
nav-workload = Workload
nav-compliance = Call compliance
nav-queue = Work queue
nav-time = Time allocation
nav-callplan = CALLPLAN
v-contact_mode-face_to_face = Face to face
v-contact_mode-phone = Phone
v-contact_mode-video = Video
v-contact_mode-email = E-mail
v-contact_mode-none = None
v-period_kind-month = month
v-period_kind-quarter = quarter
v-period_kind-year = year
plan-a-year = a year
plan-account-id = Account number
plan-accounts-of = Accounts of { $who }
plan-actual = Made
plan-add-pattern = Add a call pattern
plan-all-teams = All teams
plan-band = Against 55–65 %
plan-band-above = Above
plan-band-below = Below
plan-band-within = Within
plan-behind = Behind plan
plan-budget-hours = Selling hours
plan-call-hours = Call hours
plan-call-logged = call { $id } logged
plan-callplan-accounts-of = Largest changes for { $who }
plan-callplan-by-rep = Current pattern against the plan, per rep
plan-callplan-how = Each account is worth its potential at { $margin } gross margin; r(n) = a + (b − a)·nᶜ/(d + nᶜ) is the share of it that n calls a year bring. Write a,b,c,d per segment; c above 1 is S-shaped.
plan-callplan-intro = Lodish's CALLPLAN: each rep's selling time goes where calls bring the most expected gross profit.
plan-calls = Calls
plan-calls-a-year = Calls a year
plan-capacity-hours = Capacity hours
plan-capacity-per-person = Hours per person
plan-chart-distribution = Accounts per segment
plan-chart-fit = Fit scores against { $profile }
plan-chart-gain = Expected gain per rep
plan-chart-pareto = Pareto curve: share of { $measure } held by the top accounts
plan-chart-time-trend = Direct-selling share by month
plan-chart-utilisation = Workload as a share of capacity
plan-clear-override = Back to the rule
plan-compliance = Compliance
plan-compliance-by-team = Planned against made calls per team
plan-compliance-intro = Calls from { $from } to { $to } against the call patterns; an account is overdue when its interval has passed since the last call.
plan-current-calls = Calls now
plan-current-hours = Hours now
plan-current-profit = Expected with the current pattern
plan-curve-of = Curve { $segment }
plan-curves-saved = { $count } response curves saved
plan-days-overdue = Days overdue
plan-deals = Deals
plan-delete = Delete
plan-direct-share = Direct selling
plan-duration = Minutes
plan-explanation = Why
plan-frequency = Frequency
plan-gain = Expected gain
plan-hours-needed = Hours needed
plan-icp-editor = Edit or add a profile
plan-icp-editor-help = One row per criterion: a range (from–to; amounts in { $currency }, employees as a count), a set of values separated by commas, or yes/no; each with a weight. An account's score is the weight it meets over the total weight, and it fits from the threshold. Saving under an existing name replaces that profile. Rows left empty are ignored.
plan-icp-fit-from = fits from { $share }
plan-icp-fitting-accounts = Accounts that fit
plan-icp-fitting-deals = Deals that fit
plan-icp-intro = How well each account fits an ideal-client profile, and how much of the open new-business pipeline is on accounts that fit.
plan-icp-none = No ideal-client profile is stored yet.
plan-icp-of-accounts = of { $accounts } accounts
plan-icp-pipeline-by = Open new-business pipeline on fitting accounts
plan-icp-pipeline-share = Pipeline that fits
plan-icp-profiles = Profiles
plan-icp-saved = profile { $profile } saved
plan-last-call = Last call
plan-log = Log
plan-log-call = Log a call
plan-logged-hours = Logged hours
plan-minutes = { $minutes } min
plan-mode = How
plan-never = never
plan-no-overrides = No segment is set by hand.
plan-no-such-account = There is no account { $account } that you can see; give the account's number.
plan-overdue = Overdue
plan-overdue-accounts = Overdue accounts ({ $count })
plan-override-cleared = account { $account } follows the rule again
plan-override-set = account { $account } set to { $segment }
plan-overrides = Segments set by hand
plan-pattern-added = call pattern { $id } added
plan-pattern-deleted = call pattern { $id } deleted
plan-patterns-intro = How often each segment is called, by whom and how. A pattern for a segment the segmentation does not have is refused.
plan-people-needed = People needed
plan-people-now = People now
plan-per = { $calls } per { $period }
plan-per-period = Per
plan-planned = Planned
plan-planned-calls = Calls in the plan
plan-planned-hours = Hours in the plan
plan-planned-profit = Expected with the plan
plan-position = #
plan-queue-empty = No accounts with a call pattern to show.
plan-queue-intro = Overdue accounts first, the most valuable segment first, the longest waiting first.
plan-queue-of = Work queue of { $who }
plan-rank = Rank
plan-reason = Reason
plan-reps-of = Reps of { $team }
plan-rule-segment = By the rule
plan-save-curves = Keep these curves as the defaults
plan-segment = Segment
plan-segment-name = Segment { $segment }
plan-segments-intro = Accounts segmented by the organisation's rule as of { $date }.
plan-selling-share = Selling share of capacity (%)
plan-set-by = Set by
plan-set-override = Set an account's segment by hand
plan-share-of-measure = Share of { $measure }
plan-show = Show
plan-sizing = People each role needs to serve the patterns
plan-subject = Subject
plan-target-high = Target 65 %
plan-target-low = Target 55 %
plan-time-by-person = The last three months per person, non-selling time itemised (hours)
plan-time-intro = Each person's share of logged time in direct selling against the 55–65 % target.
plan-top-accounts = The most valuable accounts and why they are in their segment
plan-total = Total
plan-travel-hours = Travel hours
plan-unserved = { $calls } pattern calls have nobody of the pattern's role and channel to make them.
plan-utilisation = Utilisation
plan-what-if = Recalculate
plan-who = Who
plan-workload-by-person = Workload per person a year
plan-workload-by-team = Workload per team a year
plan-workload-intro = Calls × (duration + travel) of the call patterns on each segmented account; travel at { $speed } km/h from the caller's home, capacity over { $weeks } working weeks.
plan-share-of = { $share } of { $measure }
plan-rule-current = Rule: { $rule }
plan-rule-words = { $names } by { $measure }, { $scope }; { $method }.
plan-rule-window-days = won over the last { $days } days
plan-rule-icp = fit to the ideal-client profile { $profile }
plan-rule-pareto = Pareto cut-offs at { $cuts } of the cumulative total
plan-rule-percentile = cut-offs at the top { $cuts } of the accounts by rank
plan-rule-threshold = floors of { $floors }
plan-rule-saved-by = Saved by { $who } on { $date }.
plan-rule-default = The default rule: none has been saved.
plan-rule-editor = Segmentation rule
plan-rule-editor-help = Segment names most valuable first, one per row. For Pareto and percentile, give each segment but the last the cut-off in percent where it ends (rising); for thresholds, the floor each segment but the last starts from, highest first, in { $currency } (in percent of fit for the ICP score). Rows left empty are ignored. Saving re-runs the segments; call patterns, overrides and response curves follow renamed segments by their place.
plan-rule-measure = Rank by
plan-rule-icp-profile = ICP profile (for the ICP score)
plan-rule-method = Method
plan-rule-scope = Scope
plan-rule-window = Trailing window (days)
plan-rule-segment-name = Segment name
plan-rule-cut-off = Cut-off (%)
plan-rule-floor = Floor ({ $currency })
plan-rule-save = Save and re-run
plan-rule-saved = segmentation rule saved: { $accounts } accounts segmented, { $changed } changed segment
plan-rule-saved-not-run = The rule was saved, but the segments could not be re-run: { $problem }
plan-rule-refused = The rule was not saved: { $problem }
plan-rule-row-unnamed = Row { $row }: give the segment a name.
plan-add-row = Add a row
plan-remove-row = Remove
plan-icp-refused = The profile was not saved: { $problem }
plan-icp-row-problem = Criterion { $row }: { $problem }
plan-icp-name = Profile name
plan-icp-fit-threshold = Fits from (%)
plan-icp-criterion = Criterion
plan-icp-attribute = Attribute
plan-icp-test = Test
plan-icp-min = From
plan-icp-max = To
plan-icp-values = Values (comma-separated)
plan-icp-yes-no = Must be
plan-icp-weight = Weight
plan-icp-bound = Bound
plan-icp-new = New profile
v-segment_measure-potential = potential
v-segment_measure-revenue = won revenue
v-segment_measure-gross_profit = gross profit
v-segment_measure-icp_score = ICP fit
v-segment_method-pareto = Pareto (cumulative share)
v-segment_method-percentile = Percentile (rank)
v-segment_method-threshold = Thresholds (floors)
v-segment_scope-organisation = across the organisation
v-segment_scope-owner_book = within each owner's book
v-icp_attribute-employees = Employees
v-icp_attribute-annual_revenue = Annual revenue
v-icp_attribute-potential = Potential
v-icp_attribute-industry = Industry
v-icp_attribute-region = Region
v-icp_attribute-customer = Already a customer
v-icp_attribute-part_of_group = Part of a group
v-icp_test-range = Range
v-icp_test-one_of = One of
v-icp_test-is = Yes/no
## Pipeline reviews and the forecast record
nav-reviews = Reviews
nav-forecast = Forecast
reviews-intro = A review freezes a team's open pipeline on a date, every deal with its quality flags. Note and decide per deal; the next review of the team shows what changed since.
reviews-start = Start a review
reviews-none = No reviews yet.
review-taken-by = Taken by
review-deals = Deals
review-flagged = Flagged
review-decided = Decided
review-title = Review of { $team } as of { $date }
review-taken = Taken by { $who } on { $date }.
review-changes = Since the previous review
review-changes-summary = Against the review of { $date }: { $before } then, { $gone } gone, { $new } new, { $change } in changed amounts: { $after } now.
review-no-changes = Nothing changed.
review-first = This is the team's first review: the next one will show what changed since.
review-what-changed = What changed
review-carried = Decision last time
review-new = New
review-gone = Gone
review-amount-change = Amount { $from } → { $to }
review-stage-change = Stage { $from } → { $to }
review-close-change = Close date { $from } → { $to }
review-flags = Flags
review-decision = Decision
review-note = Note
review-undecided = Undecided
v-decision-commit = Commit
v-decision-downgrade = Downgrade
v-decision-remove = Remove
flag-stale = No change in { $n } days
flag-pushed = Close date pushed { $n } times
flag-no_activity = No selling activity in { $n } days
flag-no_activity-never = No selling activity on record
flag-single_threaded = Single-threaded ({ $n } contacts)
flag-overdue = { $n } days overdue
flag-outside_icp = Outside the ideal-client profile (fit { $score })
bad-team = { $value } is not a team id; pick a team from the list.
bad-date = { $value } is not a date; write it as YYYY-MM-DD.
forecast-intro = Forecasts by team as of { $date }: what is won, plus the open pipeline by forecast category and weighted by probability.
forecast-upcoming = Coming quarters
forecast-weighted = Weighted
forecast-commit-forecast = Commit forecast
forecast-best-case-forecast = Best-case forecast
forecast-weighted-forecast = Weighted forecast
forecast-actual = Actual
forecast-accuracy = Forecast accuracy
forecast-accuracy-explained = Each past quarter's forecast as it stood at the same point of the quarter as today, rebuilt from the deals' history, against what was won. Error is forecast less actual, as a share of actual.
forecast-made-on = Made on
forecast-commit-error = Commit error
forecast-weighted-error = Weighted error
forecast-recorded = Recorded forecasts
forecast-recorded-none = None recorded yet: every review records its team's forecast, and so does sutton pipeline forecast --record.
chart-forecast-accuracy = Forecasts against actual bookings, past quarters
conversion-by-source = Conversion by source, last year
conversion-by-segment = Conversion by segment, last year
conversion-source = Source
conversion-segment = Segment
proposals-per-deal = Proposals per deal
## End of pipeline reviews and the forecast record
## Territory scenarios: list, editor, comparison, how many reps
nav-territories = Territories
terr-intro = Stored alignments measured by the optimiser's rules: balance against target, travel, disruption against the current alignment, cut edges and contiguity.
terr-scenarios = Scenarios
terr-scenario = Scenario
terr-territories = Territories
terr-balance = Balance
terr-travel = Mean travel to centre
terr-travel-detail = weighted by the first balanced measure
terr-disruption = Disruption
terr-cut-edges = Cut edges
terr-cut-edges-detail = county borders between territories
terr-contiguity = Contiguity
terr-all-contiguous = All contiguous
terr-not-contiguous-count = { $n ->
    [one] { $count } territory in pieces
   *[other] { $count } territories in pieces
}
terr-split = in pieces
terr-balance-cell = { $measure }: max ±{ $max }, CV { $cv }
terr-km = { $km } km
terr-hours = { $hours } h
terr-moved-cell = { $count } ({ $share })
terr-status-current = Current
terr-status-scenario = Scenario
terr-status-archived = Archived
terr-measure-accounts = Accounts
terr-measure-potential = Potential
terr-measure-workload = Call workload
terr-balance-within = { $measure } within ±{ $tolerance }
terr-max-disruption-is = at most { $share } of counties move
terr-homes-used = travel measured to reps' homes
terr-seed-is = seed { $seed }
terr-compare = Compare side by side
terr-left = Left
terr-right = Right
terr-sizing-link = How many reps? Balance, travel and workload as the number of territories changes
terr-new = New scenario
terr-name = Name
terr-default-name = Balanced proposal
terr-balance-what = What to balance
terr-tolerance = Tolerance
terr-max-disruption = Largest share of counties that may change territory (%)
terr-seed = Seed
terr-use-homes = Measure travel from each rep's home
terr-plan = Plan in the background
terr-bad-percent = { $field } is { $value }: give a percentage between 0 and 100.
terr-choose-measure = Choose at least one measure to balance.
terr-planning = Planning { $name }
terr-reoptimising = Re-optimising { $name }
terr-job-running = The optimiser is running. This page refreshes itself.
terr-job-steps = { $done } of { $total } steps done
terr-job-done = Finished in { $seconds } s.
terr-open-scenario = Open the scenario
terr-not-met = Not met
terr-balance-of = { $measure } balance
terr-balance-detail = CV { $cv } · tolerance ±{ $tolerance } · { $outside } outside
terr-counties-moved = { $n ->
    [one] { $count } county changes territory
   *[other] { $count } counties change territory
}
terr-broken = Not contiguous: { $territories }. Move counties so that each territory is in one piece.
terr-balance-chart = { $measure } per territory
terr-target-band = target { $target } ±{ $tolerance }
terr-locked = locked
terr-home-of = Home of { $rep } ({ $territory })
terr-map-title = Territories of { $name }
terr-read-only = Read only: only a VP or an administrator can change a scenario, and only a scenario (not the current alignment) can be changed.
terr-edit = Move or lock a county
terr-edit-help = Click a county on the map (or choose it below), then move it to another territory or lock it. A moved county is locked, so re-optimising keeps it.
terr-move-to = Move to
terr-move = Move and lock
terr-lock = Lock
terr-unlock = Unlock
terr-reoptimise-help = { $n ->
    [one] Run the optimiser again; { $count } locked county stays where it is.
   *[other] Run the optimiser again; { $count } locked counties stay where they are.
}
terr-reoptimise = Re-optimise
terr-publish-confirm = Make { $name } the current alignment and give its accounts to the territories' reps?
terr-publish-help = Make this scenario the current alignment: accounts follow their territory's rep. The change is audited.
terr-publish = Publish
terr-compare-current = Compare with the current alignment
terr-moved = { $county } moved to { $territory } and locked
terr-locked-done = { $county } locked
terr-unlocked-done = { $county } unlocked
terr-published = Published: { $moved } accounts have a new owner, { $kept } keep theirs (their territory has no single working rep).
terr-compare-sub = { $a } beside { $b }
terr-metrics = Metrics
terr-max-deviation-of = { $measure }: largest deviation
terr-cv-of = { $measure }: coefficient of variation
terr-sizing = How many reps
terr-sizing-intro = The optimiser is run for each number of territories in the range, with the same balance; the current alignment has { $current } territories.
terr-from = From
terr-to = To
terr-sizing-run = Run in the background
terr-bad-range = From { $from } to { $to } is not a range this page runs: the end must not be below the start and at most { $max } sizes are tried.
terr-sizing-verdict = { $k } territories is the fewest that keeps every territory within its tolerance and in one piece, with each rep's workload within capacity (now { $current }).
terr-sizing-none = No number of territories from { $from } to { $to } meets every tolerance within capacity: widen the range or the tolerance.
terr-chart-deviation = Largest deviation from target (%)
terr-chart-travel = Mean travel to the territory's centre (km)
terr-chart-workload = Call workload per rep against capacity (hours a year)
terr-workload-per-rep = Workload per rep
terr-capacity-per-rep = Capacity per rep
terr-accounts-per-rep = Accounts per rep
terr-meets-tolerance = Within tolerance
terr-within-capacity = Within capacity
terr-capacity-note = Capacity: { $hours } a year per rep (weekly capacity × 46 working weeks). Workload counts the call patterns' call time, not travel.

segwhy-measure-potential = potential
segwhy-measure-revenue = revenue
segwhy-measure-gross-profit = gross profit
segwhy-measure-icp-score = ICP score
segwhy-rank = { $measure } rank { $rank } of { $of }; { $why }
segwhy-override = set to { $segment } by { $who } on { $date } ({ $reason }); the rule gives { $computed }: { $why }
segwhy-nothing = no { $measure } to rank by: last segment
segwhy-pareto-under = the accounts ranked above hold { $share } of the total, under the { $cut } cut-off: { $segment }
segwhy-pareto-over = the accounts ranked above hold { $share } of the total, at or over the { $cut } cut-off: { $segment }
segwhy-pareto-any = the accounts ranked above hold { $share } of the total: { $segment }
segwhy-percentile = { $share } of the accounts rank above it: { $segment }
segwhy-threshold = { $value } reaches the { $segment } floor of { $floor }
segwhy-threshold-under = { $value } is under every floor: { $segment }
plan-gain-why = Why below now
plan-gain-over-budget = The current pattern needs { $current } hours, more than the { $budget } selling hours there are: its figure is out of reach, and the plan fits the time.
plan-gain-steps = Call lengths are rounded up to { $minutes }-minute steps in the plan, so it can fall just short of the current pattern.
