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
