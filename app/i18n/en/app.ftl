## Frame
skip-to-main = Skip to main content
site-tagline = Community safety in Wales
demo-banner-label = Demo:
demo-banner = every report, person and case on this hub is made up, to show what it does. Do not use it to report a real concern.
nav-label = Main
nav-home = Home
nav-partnerships = Partnerships
nav-staff-home = Staff home
nav-audit = Audit log
nav-team = Team
nav-sign-in = Staff sign in
nav-sign-out = Sign out
footer-accessibility = Accessibility statement
footer-api = Open data API
footer-attribution = Boundaries contain OS data © Crown copyright and database right 2014 and ONS data © Crown copyright 2014 (Open Government Licence v3.0), from UK-GeoJSON by Martin Chorley (CC BY 4.0).
loading = Loading…

## Errors
not-found-title = Page not found
not-found-body = There is no page at this address. If you typed it, check it is correct.
not-found-home = Go to the home page
error-not-signed-in = You need to sign in to see this page.
error-forbidden = Your account does not allow this. Ask your partnership's manager if you need it.
error-not-found = We could not find that.
error-invalid = Some of the information sent was not valid. Check it and try again.
error-rate-limited = Too many attempts. Wait a few minutes and try again.
error-unavailable = Something went wrong on our side. Nothing you entered has been lost; try again in a few minutes.
refused-title = Request refused
refused-body = This form was sent from another website, so it was not accepted. Go back to the page on this site and send it again.
too-large-title = What you sent is too large
too-large-body = The form or file you sent is larger than this service accepts. Go back, make it smaller, and send it again.
internal-title = Something went wrong
internal-body = Something went wrong on our side and has been logged. Try again in a few minutes.

## Home
home-title = Home
home-heading = Community safety in your area
home-lead = Cymuned connects residents with the Community Safety Partnership for their area: the council, police, fire and rescue, health and probation services working together.
home-find-heading = Find your partnership
home-find-body = Wales has 19 Community Safety Partnerships. See which one covers your area and its neighbourhoods.
home-find-link = Find your partnership
home-emergency-heading = In danger now?
home-emergency-body = If you or someone else is in danger, or a crime is happening now, call 999. For non-emergencies, call the police on 101.
home-staff-heading = Partnership staff
home-staff-body = Officers, analysts, engagement leads and partner agencies sign in here.

## Accessibility statement
a11y-title = Accessibility statement
a11y-intro = This statement applies to Cymuned. We want as many people as possible to be able to use it, in Welsh or English.
a11y-how-heading = What you can do
a11y-how-zoom = zoom in up to 200% without text spilling off the screen
a11y-how-keyboard = use every page with a keyboard alone, with a visible focus and a link to skip to the main content
a11y-how-no-js = use every page with JavaScript turned off
a11y-how-welsh = use every page in Welsh or English, and switch between them without losing your place
a11y-status-heading = How accessible this service is
a11y-status-body = This service aims to meet the Web Content Accessibility Guidelines (WCAG) version 2.2 at level AA, as the Public Sector Bodies Accessibility Regulations 2018 require.
a11y-testing-heading = How we test
a11y-testing-body = Every page is checked automatically with axe-core against WCAG 2.0, 2.1 and 2.2 levels A and AA, in English and Welsh, each time the service changes.
a11y-contact-heading = Reporting problems
a11y-contact-body = If you find a problem, tell your Community Safety Partnership. If you are not happy with the response, contact the Equality Advisory and Support Service (EASS).

## Partnerships
partnerships-title = Community Safety Partnerships
partnerships-lead = Each partnership brings together the council, police, fire and rescue, health and probation services for its area.
partnerships-force-heading = { $force } area
partnership-police-force = Police force
partnership-local-authorities = Local authorities
partnership-wards = Electoral wards
partnership-neighbourhoods = Neighbourhoods
partnership-neighbourhoods-intro = The partnership listens to residents and plans its work by neighbourhood. A neighbourhood is an electoral ward unless the partnership has grouped wards together.
neighbourhood-count = { $count ->
    [one] { $count } neighbourhood
   *[other] { $count } neighbourhoods
}
ward-count = { $count ->
    [one] { $count } ward
   *[other] { $count } wards
}

## Roles
role-officer = Community safety officer
role-analyst = Analyst
role-engagement-lead = Engagement lead
role-partner = Partner agency
role-csp-manager = Partnership manager
role-admin = Administrator

## Sign in
sign-in-title = Staff sign in
sign-in-intro = For staff of Community Safety Partnerships and their partner agencies. Residents do not need an account.
sign-in-email = Email address
sign-in-password = Password
sign-in-submit = Sign in
sign-in-signed-out = You have signed out.
sign-in-error-invalid = The email address or password is not right. Check them and try again.
sign-in-error-missing = Enter your email address and your password.
sign-in-error-rate-limited = Too many sign-in attempts. Wait 15 minutes and try again.
demo-heading = Demo accounts
demo-intro = This hub is running in demo mode with sample accounts for Cardiff Community Safety Partnership. Never use demo mode with real data.
demo-password = Password for every demo account:
demo-role = Role

## Staff home
staff-title = Staff home
staff-signed-in-as = Signed in as { $name }.
staff-roles-heading = Your roles
staff-role = Role
staff-partnership = Partnership
staff-organisation = Organisation
staff-tools-heading = What you can do
staff-language-note = The language you choose with the switch at the top of the page is saved to your profile and used for messages to you.

## Audit log
audit-title = Audit log
audit-intro = Every sign-in, failed sign-in, change of role and view of personal data in your partnership, newest first. Entries cannot be changed or deleted.
audit-partnership = Partnership
audit-show = Show
audit-count = { $count ->
    [one] { $count } entry
   *[other] { $count } entries
}
audit-caption = Audit entries, page { $page } of { $pages }
audit-when = When
audit-who = Who
audit-what = What
audit-record = Record
audit-from = From
audit-action-sign-in = Signed in
audit-action-sign-out = Signed out
audit-action-sign-in-failed = Failed sign-in
audit-action-sign-in-rate-limited = Sign-in refused: too many attempts
audit-action-role-granted = Role granted
audit-action-role-revoked = Role removed
audit-action-account-created = Account created
audit-action-api-key-created = API key created
audit-action-audit-log-viewed = Audit log viewed
pagination-label = Pages
pagination-previous = Previous page
pagination-next = Next page

## Team
team-title = Team
team-intro = Who holds which role in your partnership. Give a role to someone who already has an account, or take one away. Every change is recorded in the audit log.
team-caption = { $count ->
    [one] { $count } person with a role
   *[other] { $count } people with roles
}
team-name = Name
team-roles = Role
team-remove = Remove
team-remove-label = Remove the { $role } role from { $name }
team-grant-heading = Give a role
team-grant-intro = The person needs an account first. Partner agency roles also need the name of their organisation.
team-grant-email = Email address of their account
team-grant-organisation = Partner organisation (partner agency role only)
team-grant-organisation-kind = Kind of organisation
team-grant-submit = Give role
team-done-granted = The role has been given.
team-done-revoked = The role has been removed.
team-error-no-account = There is no account with that email address. Ask your administrator to create one.
team-error-needs-organisation = A partner agency role needs the name of the organisation.
team-error-forbidden = You cannot make that change: you may not change your own roles, and only an administrator may make or remove administrators.
team-error-not-held = That person does not hold that role any more.
team-error-invalid = That change could not be made. Check the details and try again.
org-kind-police = Police
org-kind-council = Council
org-kind-housing = Housing
org-kind-fire = Fire and rescue
org-kind-health = Health
org-kind-probation = Probation
org-kind-youth-justice = Youth justice
org-kind-other = Other

## Reporting
nav-report = Report a concern
home-report-heading = Report a concern
home-report-body = Anti-social behaviour, drug dealing, hate, fly-tipping or anything that makes your area feel less safe. You can stay anonymous.
report-title = Report a concern
report-safety-heading = Your safety comes first
report-safety-999 = If you or someone else is in danger now, call 999. If you are deaf or speech-impaired, text 999 after registering with emergencySMS.
report-safety-support = For support with hate crime, domestic abuse or sexual violence: Live Fear Free helpline 0808 80 10 800 (free, 24 hours), Victim Support 0808 16 89 111.
report-quick-exit = Leave this site quickly
report-quick-exit-history = Where your browser runs JavaScript, this link also takes this page out of the Back button. Your browser's history can still show that you visited this site: you can delete it, or use a private window.
report-honeypot = Website (leave this empty)
report-area-heading = Where is it happening?
report-area-list-heading = Or choose the council area
report-place-search = Search for a place
report-place-search-hint = A ward, village, town or district name, in English or Welsh.
report-place-search-button = Search
report-place-found = { $count ->
    [0] No places match “{ $query }”
    [one] 1 place matches “{ $query }”
   *[other] { $count } places match “{ $query }”
}
report-place-none = Check the spelling, try part of the name, or choose the council area below.
report-place-area = { $area } (the whole council area)
report-place-ward = { $ward }, { $area }
report-place-more = Only the first { $shown } are shown: add more of the name to narrow it down.
report-area-intro = Choose the council area. Your report goes to the Community Safety Partnership for that area.
report-area-chosen = Area: { $area } ({ $csp }).
report-area-change = Change area
report-error-summary = There is a problem
report-what-legend = What is happening
report-category = What you are reporting
report-choose = Choose…
report-asb-legend = Who does it affect? (anti-social behaviour only)
report-asb-hint = Answer if you are reporting anti-social behaviour; otherwise leave this.
report-hate-legend = Why do you think it was motivated by hate? (hate incidents only)
report-hate-hint = A hate incident is anything that you, or anyone else, think was motivated by hostility or prejudice. Choose all that apply.
report-where-legend = Where
report-ward = Ward
report-ward-hint = The electoral ward where it happened. Type the first letters to find it.
report-location-text = Describe the place (optional)
report-location-hint = For example: the alley behind the shops on Station Road.
report-when-legend = When
report-when = Date and time
report-when-hint = For example, 2026-11-29 21:30.
report-ongoing = It is still happening
report-description = What happened
report-description-hint = Describe what you saw or heard, in your own words. Up to { $max } characters. Please do not include other people's names unless you need to.
report-about-legend = About you
report-anonymous-yes = Report anonymously
report-anonymous-no = Give my details so the partnership can contact me
report-contact-hint = If you give your details, add an email address or a phone number. They are kept apart from your report and only seen by staff who need them.
report-name = Name
report-phone = Phone number
report-contact-language = Language for messages to you
report-consent = The partnership may contact me about this report
report-safe-contact = A safe way to contact you (optional)
report-safe-contact-hint = For example: only call on weekdays before 3pm, or never leave a voicemail. If you write a note, the partnership sends you no automatic emails: an officer contacts you only as your note says.
report-privacy = We use your report to keep your community safe. You get a private link to follow what happens; nobody else can see your report there.
report-submit = Send report
report-error-category = Choose what you are reporting.
report-error-ward = Choose the ward where it happened.
report-error-location-too-long = Keep the description of the place to 200 characters or fewer.
report-error-when-required = Give the date and time, or tick "It is still happening".
report-error-when-invalid = Give a date and time that is not in the future, like 2026-11-29 21:30.
report-error-description-too-short = Tell us a little more about what happened: at least 10 characters.
report-error-description-too-long = The description must be { $max } characters or fewer.
report-error-choice = Choose from the options given.
report-error-too-long = That answer is too long. Please shorten it.
report-error-contact-required = Give an email address or a phone number, or choose to report anonymously.
report-error-email = Enter an email address like name@example.com.
report-error-phone = Enter a phone number with 10 to 15 digits.
report-error-rate-limited = Several reports have been sent from here in a short time. Wait an hour and send this one again: what you typed is kept on this page.
report-error-rejected = Your report could not be sent. Check it and send it again.
asb-personal = A particular person or group (for example you or your family)
asb-nuisance = The community in general
asb-environmental = Public spaces or buildings
hate-disability = Disability
hate-race = Race or ethnicity
hate-religion = Religion or belief
hate-sexual-orientation = Sexual orientation
hate-transgender = Transgender identity
hate-other = Something else
status-open = Received
status-investigating = Being looked into
status-action-scheduled = Action planned
status-in-progress = Action under way
status-fixed = Dealt with
status-duplicate = Already reported
status-not-responsible = Passed to the right organisation
status-no-further-action = No further action
status-internal-referral = Referred within the partnership
status-closed = Closed
track-title = Report { $reference }
track-received = Thank you. Your report has been received. Your reference is { $reference }.
track-keep-link = Keep this private link to follow what happens:
track-status = Status
track-where = Where
track-partnership = Partnership
track-submitted = Sent
track-timeline = What has happened
track-next-heading = What happens next
track-next = An officer of the partnership reads every report, usually within two working days. Updates appear on this page. If the problem gets worse or you are in danger, call 999.
email-report-subject = Your report { $reference }
email-report-body =
    Thank you for your report to { $csp }.

    Your reference is { $reference }.

    Follow what happens at this private link (please do not share it):
    { $link }

    An officer reads every report, usually within two working days. Updates appear at the link above.

    If you or someone else is in danger, call 999.

    This message was sent automatically by Cymuned. Replies to it are not read.
report-error-outside = That place is outside the areas this service covers (Wales). Contact the local council there, or the police on 101. Nothing has been sent.
report-error-bad-location = Your device's location could not be read. Choose the ward from the list instead.
report-map-hint = Click or tap the map where it happened, or use the list of wards below.
report-map-failed = The map could not load. Choose the ward from the list below, or use your location.
report-map-label = Map of the area's wards
report-map-pin-centre = Put the pin at the centre of the map
report-map-zoom-in = Zoom in
report-map-zoom-out = Zoom out
report-use-location = Use my location
report-locating = Finding your location…
report-located = Found: { $ward }, { $csp }. You do not need to choose a ward.
report-location-failed = Your location could not be found. Choose the ward from the list instead.
report-photos = Photos (optional)
report-photos-hint = Up to 3 photos, JPEG, PNG or WebP, 10 MB each at most. Location and camera details are removed before they are stored. Do not put yourself at risk to take a photo.
report-error-photos-too-many = Choose 3 photos or fewer.
report-error-photos-too-large = Each photo must be 10 MB or smaller.
report-error-photos-too-many-pixels = A photo is too large to process: each must be 40 megapixels or fewer (for example 8000 × 5000 pixels). Choose a smaller copy of it.
report-error-photos-not-image = Photos must be JPEG, PNG or WebP pictures.
report-error-photos-again = Please add your photos again: they are not kept until the report is sent.
photo-count = { $count ->
    [0] None
    [one] { $count } photo
   *[other] { $count } photos
}

## Open311 (other apps sending reports)
open311-notice = Received by { $csp }. Reports are read by the partnership's officers; this is not an emergency service.
open311-error-path = There is no such Open311 method. Paths end in .json or .xml, for example /open311/v2/services.json.
open311-error-body = The request body must be form-encoded parameters (application/x-www-form-urlencoded).
open311-error-api-key = api_key is missing, not valid or revoked. Ask the hub's administrator for a key.
open311-error-service-required = service_code is required: GET services.json lists them.
open311-error-service-code = service_code “{ $code }” is not a service of { $csp }. GET services.json?lat=…&long=… lists that partnership's services.
open311-error-service-not-found = There is no service with the code “{ $code }”.
open311-error-sensitive = Hate incidents, domestic abuse and sexual violence are reported only through Cymuned's own form, which offers a safe way to be contacted and a quick exit: { $url }
open311-error-location-required = Send lat and long, or an address_string that names a Welsh ward.
open311-error-location-invalid = lat and long must be decimal degrees (WGS84), for example lat=51.4816 and long=-3.1791.
open311-error-outside = That point is outside the Welsh ward boundaries this hub covers. Contact the local council, or the police on 101 (999 in an emergency).
open311-error-address = address_string does not name a ward this hub knows. Send lat and long instead.
open311-error-address-long = address_string must be 200 characters or fewer.
open311-error-description-short = description is required: at least 10 characters saying what is happening.
open311-error-description-long = description must be { $max } characters or fewer.
open311-error-name-long = first_name and last_name together must be 200 characters or fewer.
open311-error-email = email is not a valid email address.
open311-error-phone = phone must be a UK phone number of 10 to 15 digits.
open311-error-attribute = attribute[{ $code }] is not one of the values listed by GET services/{"{"}service_code{"}"}.json.
open311-error-parameter = { $name } is not valid.
open311-error-media-url = media_url must be an http:// or https:// address of { $max } characters or fewer.
open311-error-jurisdiction = jurisdiction_id “{ $id }” is not a partnership of this hub: GET /api/v1/csps lists them.
open311-error-date = { $name } must be a date and time such as 2026-11-01T09:30:00Z.
open311-error-date-order = start_date must not be after end_date.
open311-error-status = status “{ $status }” must be open or closed.
open311-error-number = { $name } must be a whole number from 1 to { $max }.
open311-error-request-not-found = No public service request has the id “{ $id }”.
open311-error-token-not-found = No service request has that token.
open311-error-request-required = service_request_id is required: the id of the request this update is about.
open311-error-update-description = description is required: what the person adds, up to { $max } characters.
open311-error-update-id-used = update_id was sent before about another request: each update needs its own id.
open311-error-too-large = The request is larger than this hub accepts (64 KB). Send photos as media_url links.

## Triage
nav-intake = Intake queue
nav-intelligence = Intelligence
audit-action-reporter-contact-viewed = Reporter's contact details viewed
audit-action-report-acknowledged = Report acknowledged
audit-action-report-updated = Report status and message sent
audit-action-report-graded = Report graded and sanitised
audit-action-report-assigned = Report assigned
audit-action-intelligence-viewed-by-partner = Intelligence viewed by a partner
email-update-subject = Update on your report { $reference }
email-update-body =
    There is an update on your report { $reference }:

    { $message }

    Follow it with the private link in your first email. If you are in danger now, call 999.
grade-source-1 = reliable
grade-source-2 = untested
grade-source-3 = not reliable
grade-intel-a = known directly to the source
grade-intel-b = known indirectly, corroborated
grade-intel-c = known indirectly
grade-intel-d = not known
grade-intel-e = suspected to be false or malicious
grade-handling-p = lawful sharing permitted
grade-handling-c = sharing permitted with conditions (write them below)
intake-title = Intake queue
intake-counts = New: { $new } · Overdue: { $overdue } · Open: { $open }
intake-filter-status = Show
intake-status-open = Open reports
intake-status-new = Not yet acknowledged
intake-status-overdue = Overdue for acknowledgement
intake-status-closed = Closed reports
intake-status-all = All reports
intake-status-new-one = New
intake-any = Any
intake-yes = Yes
intake-no = No
intake-neighbourhood = Neighbourhood
intake-sensitive = Sensitive
intake-sensitive-tag = Sensitive
intake-sort = Order
intake-sort-oldest = Oldest first
intake-sort-risk = Highest risk first
intake-mine = Only reports assigned to me
intake-apply = Apply
intake-caption = { $total ->
    [one] 1 report
   *[other] { $total } reports
} (page { $page } of { $pages })
intake-reference = Reference
intake-received = Received
intake-grade = Grade
intake-assigned = Assigned to
intake-overdue = Overdue
triage-title = Report { $reference }
triage-resident-language = Resident's language
triage-description = What the resident wrote
triage-description-hint = Restricted: the resident's own words. Share only the sanitised summary below.
triage-reporter = Who reported it
triage-anonymous = The resident reported anonymously.
triage-contact-hidden = The resident gave contact details. They are hidden until you need them; every view is recorded in the audit log.
triage-show-contact = Show contact details
triage-contact-audited = This view has been recorded in the audit log.
triage-contact-not-yours = Contact details are only shown to officers and managers.
triage-timeline = History
triage-internal = internal
triage-respond = Tell the resident
triage-respond-hint = The resident reads messages in { $language }. Leave the message empty to send the standard wording for the status in their language.
triage-acknowledge = Acknowledge (sends the standard acknowledgement)
triage-new-status = Status
triage-message = Message to the resident (optional)
triage-message-hint = Only for the resident: shown on their tracking page and emailed when allowed (see below). Never published. Write in { $language } or leave empty.
triage-will-email = The resident agreed to be emailed: they will also get this by email.
triage-email-no-address = No email: the resident gave no email address. They will see this on their tracking page.
triage-email-no-consent = No email: the resident gave an address but did not agree to be emailed. They will see this on their tracking page.
triage-email-safe-contact = No automatic email: the resident left a safe-contact note, so the hub sends them nothing by itself. Contact them by hand, only as their note says (Show contact details).
triage-public-note = Public note (optional)
triage-duplicate-email-hint = Linking this report as a duplicate closes it and tells the resident.
triage-public-note-hint = Published for other apps and the public (Open311) with the status. Leave empty to publish the status alone. It must not name the resident or give their email or phone.
triage-public-note-shown = Public note:
triage-send-update = Send update
triage-grade-heading = Grade and sanitise (3x5x2)
triage-grade-intro = The summary and grade make the intelligence item that partners may see. Nothing that identifies the resident may be in the summary.
triage-summary = Sanitised summary
triage-summary-hint = A first draft with the resident's name, email and phone numbers taken out. Read it and remove anything else that identifies them.
triage-source = Source evaluation
triage-intelligence = Intelligence assessment
triage-handling = Handling code
triage-conditions = Handling conditions
triage-conditions-hint = Required for handling code C: who may receive it and on what terms.
triage-share-with = Share a C item with
triage-share-hint = Only the organisations ticked see a C item. P items are seen by every partner of the partnership.
triage-tension = Community tension
triage-tension-none = Not a tension indicator
triage-save-grade = Save grade and summary
triage-assign-heading = Assign
triage-assignee = Owner
triage-nobody = Nobody
triage-people = People
triage-organisations = Partner organisations
triage-assign = Assign
triage-done-acknowledged = Acknowledged. The resident has been told.
triage-done-graded = The intelligence item is saved.
triage-done-assigned = Assigned.
triage-done-updated = Update sent to the resident.
triage-error-stale = Someone else changed this report while you were working on it. Nothing was saved: read the latest version below and try again.
triage-error-source = Choose a source evaluation: 1, 2 or 3.
triage-error-intelligence = Choose an intelligence assessment: A, B, C, D or E.
triage-error-handling = Choose a handling code: P or C.
triage-error-conditions-required = Handling code C needs written conditions.
triage-error-conditions-too-long = The conditions must be 1,000 characters or fewer.
triage-error-summary-required = Write a sanitised summary.
triage-error-summary-too-long = The summary must be 2,000 characters or fewer.
triage-error-summary-identifies = The summary still contains the resident's name, email address or phone number. Remove it before saving.
triage-error-tension = Choose evidenced, experienced or potential, or no tension.
triage-error-share-unknown = Choose organisations of this partnership only.
triage-error-assignee = Choose a person or organisation of this partnership.
triage-error-status = Choose a status from the list.
triage-error-message-too-long = The message must be 2,000 characters or fewer.
triage-error-public-note-too-long = The public note must be 2,000 characters or fewer.
triage-error-public-note-identifies = The public note still names the resident or gives their email or phone. Take them out: the note is published.
tension-evidenced = Evidenced
tension-experienced = Experienced
tension-potential = Potential
template-acknowledged = Thank you for your report. We have received it and an officer will look at it.
template-investigating = Thank you for your report. An officer has read it and is looking into it.
template-action-scheduled = Action has been planned in response to your report.
template-in-progress = Work is under way in response to your report.
template-fixed = The problem you reported has been dealt with. Thank you for telling us.
template-duplicate = Someone has already reported this. We are dealing with it under their report.
template-not-responsible = This is not something the partnership can deal with. We have closed your report; please contact the organisation responsible.
template-no-further-action = We have looked into your report and there is no further action we can take at the moment.
template-internal-referral = Your report has been passed to the partner organisation that can deal with it.
template-closed = Your report is now closed. Thank you for telling us.
intelligence-title = Intelligence
intelligence-intro = Graded, sanitised intelligence items of the partnership, newest first.
intelligence-partner-intro = Items shared with your organisation: P items of the partnership, and C items that name your organisation. Each view is recorded.
intelligence-none = There are no items to show.
intelligence-meta = { $reference } · { $grade } · updated { $date }
intelligence-conditions = Conditions:
intelligence-shared-with = Shared with: { $organisations }
intelligence-tension = Community tension: { $tag }
triage-done-asked = Your question is on the resident's tracking page.
triage-done-classified = The category is changed.
triage-done-linked = The reports are linked.
triage-error-question-required = Write the question for the resident.
triage-error-question-too-long = The question must be 1,000 characters or fewer.
triage-error-category = Choose a category, qualifier and strands from the lists.
triage-error-link-unknown = There is no report of this partnership with that reference.
triage-error-link-self = A report cannot be linked to itself.
triage-question-asked = Question to the resident
triage-resident-replied = The resident replied
triage-app-comment = More information, through another app
triage-ask-heading = Ask the resident for more information
triage-question = Question
triage-question-hint = Shown on their tracking page, where they can answer, and emailed when allowed (see below). Never published. Write in { $language }.
triage-ask = Ask the resident
triage-classify-heading = What it is about
triage-classify = Change the category
triage-links-heading = Linked reports
triage-suggestions = Possible duplicates and repeats
triage-no-suggestions = No similar reports nearby around the same time.
triage-link-duplicate = Duplicate of { $reference }
triage-link-repeat = Repeat of { $reference }
triage-link-other = Link to the report with reference
triage-link-kind = As
triage-kind-repeat = a repeat (the same problem again)
triage-kind-duplicate = a duplicate (the same incident; closes this report)
triage-link = Link
triage-is-duplicate-of = (this report is a duplicate of it)
triage-has-duplicate = (a duplicate of this report)
triage-is-repeat-of = (this report repeats it)
triage-has-repeat = (repeats this report)
link-reason-neighbourhood = same neighbourhood
link-reason-near = { $metres } m away
link-reason-days = { $days ->
    [0] the same day
    [one] 1 day apart
   *[other] { $days } days apart
}
link-reason-words = { $percent }% of the words in common
audit-action-report-classified = Report category changed
audit-action-report-linked = Reports linked
email-question-subject = A question about your report { $reference }
email-question-body =
    The partnership has a question about your report { $reference }:

    { $question }

    Please answer it on your tracking page, using the private link in your first email. If you are in danger now, call 999.
track-question = Question from the partnership
track-your-reply = Your reply
track-reply-heading = Answer the partnership's question
track-reply = Your answer
track-reply-error = Write your answer in { $max } characters or fewer.
track-reply-send = Send answer
track-reply-sent = Thank you. Your answer has been added to your report.
audit-action-case-review-updated = Case review acknowledged or decided
audit-action-settings-changed = Partnership settings changed
nav-case-reviews = ASB case reviews
intake-trigger = Only reports meeting a Community Trigger rule
intake-trigger-tag = Community Trigger
intake-safe-contact-tag = Safe contact
trigger-flag = Community Trigger:
trigger-rule-same-person = this report is one of enough ASB reports from the same person (verified contact details) within the partnership's window to meet the ASB case review threshold.
trigger-rule-one-location = this report is one of enough ASB reports about one location, from more than one person, to meet the partnership's location rule.
trigger-rule-hate = a hate incident meets the partnership's case review rule on its own.
trigger-reviews-link = ASB case reviews
triage-contact-verified = These contact details are verified.
triage-verify-hint = Confirm once you have checked the details with the resident (for example by calling them back). Only verified details link one person's reports for the Community Trigger.
triage-verify = Mark the contact details as verified
triage-done-verified = The contact details are marked as verified.
review-title = Apply for an ASB case review (Community Trigger)
review-intro = If you have reported anti-social behaviour several times and feel nothing has been done, you can ask the partnership to review your case. Give the references of your reports: usually three reports about the same problem in six months meet the threshold.
review-references = Your report references
review-references-hint = For example CYM-26-000123, CYM-26-000130. Up to ten, separated by commas.
review-impact = How the problem is affecting you
review-impact-hint = What keeps happening and what it means for you or the person you are applying for.
review-on-behalf = Applying for someone else? Their name (optional)
review-on-behalf-hint = You can apply on behalf of a victim, with their agreement.
review-submit = Apply for a case review
review-received = Your application { $reference } has been received.
review-next = The partnership will acknowledge it within 5 working days and tell you its decision within 15 working days. If you are in danger, call 999.
review-error-name = Enter your name.
review-error-contact = Enter an email address or a phone number so the partnership can reply.
review-error-references-required = Enter at least one report reference.
review-error-references-too-many = Enter up to ten report references.
review-error-reference-shape = Report references look like CYM-26-000123.
review-error-references-unknown = One or more of those references were not found, are not about anti-social behaviour or a hate incident, or belong to different partnerships. Check them against your confirmation emails, and apply to each partnership separately.
review-error-rate-limited = Several applications have been sent from here in a short time. Wait an hour and send this one again: what you typed is kept on this page.
review-error-impact = Tell us, in at least 10 characters, how the problem is affecting you.
review-status-received = Received
review-status-acknowledged = Acknowledged
review-status-not-met = Threshold not met
review-status-held = Review held
reviews-title = ASB case reviews
reviews-saved = Saved. The applicant has been told.
reviews-settings-saved = Settings saved. Open reports were checked again against the rules: { $flagged ->
        [one] 1 now meets
       *[other] { $flagged } now meet
    } a Community Trigger rule, and { $cleared ->
        [one] 1 no longer does.
       *[other] { $cleared } no longer do.
    }
reviews-error-invalid = Choose a decision from the list; recommendations must be 4,000 characters or fewer.
reviews-rules = Threshold: { $reports } qualifying ASB reports within { $days } days. Acknowledge within { $acknowledge } working days; decide within { $decide }.
reviews-figures = { $year } so far: { $applications } applications, { $not_met } did not meet the threshold, { $held } reviews held, { $recommendations } with recommendations.
reviews-none = There are no applications.
reviews-applicant = Applicant
reviews-threshold = Threshold met when applying
reviews-deadlines = Dates
reviews-deadline-values = received { $received }; acknowledge by { $acknowledge }; decide by { $decide }
reviews-recommendations = Recommendations
reviews-decision = Decision
reviews-save = Save and tell the applicant
settings-heading = Partnership settings
settings-acknowledge-days = Working days to acknowledge a report
settings-trigger-reports = Qualifying ASB reports that meet the case review threshold
settings-trigger-window = Within this many days
settings-review-acknowledge = Working days to acknowledge a case review application
settings-review-decide = Working days to decide a case review
settings-location-rule = Also: 5 reports about one location in the window, from more than one person
settings-hate-rule = Also: any single hate incident
settings-save = Save settings
figures-heading = ASB case reviews (Community Trigger)
figures-intro = The figures the partnership publishes each year.
figures-apply = Apply for a case review
figures-caption = Applications and outcomes by year
figures-year = Year
figures-applications = Applications
figures-not-met = Threshold not met
figures-held = Reviews held
figures-recommendations = Reviews with recommendations
email-review-subject = Your ASB case review application { $reference }
email-review-body =
    We have received your application for an ASB case review ({ $reference }).

    The partnership will acknowledge it within 5 working days and tell you its decision within 15 working days. If you are in danger now, call 999.
email-review-update-subject = Your ASB case review { $reference }
email-review-acknowledged = The partnership has acknowledged your application { $reference } and is looking at your reports. It will tell you its decision.
email-review-held = The partnership will hold a case review for your application { $reference }. It will tell you what it recommends.
email-review-not-met = The partnership has decided that your application { $reference } does not meet the threshold for a case review. You can still report new incidents, and ask the partnership to explain its decision.
triage-error-link-loop = That report is itself closed as a duplicate, or already linked to this one: link to its original instead.
settings-link-window = Suggest duplicates and repeats reported within this many days
settings-link-distance = and within this many metres (or in the same neighbourhood)
teams-heading = Teams
teams-intro = Teams of the partnership (for example a night-time economy team). Reports can be assigned to a team; its members see them under "assigned to me".
teams-nobody = nobody yet
teams-remove = Remove { $name } from { $team }
teams-new = New team's name
teams-create = Create team
teams-team = Team
teams-add = Add to team
teams-member-email = Email address of the new team member
teams-done-created = The team has been created.
teams-done-changed = The team has been changed.
teams-error-name = Give the team a name of up to 100 characters.
teams-error-exists = The partnership already has a team with that name.
triage-teams = Teams
intake-age = Received
intake-age-days = more than { $days } days ago
triage-source-web = the report form
triage-source-open311 = another app, over Open311
triage-source-generated = synthetic demo data

## Problem solving (SARA)
nav-problems = Problems
problems-title = Problem solving
problems-intro = Problem profiles worked through Scanning, Analysis, Response and Assessment, and the problems the hub suggests from the reports.
problems-partner-intro = The problem profiles this partnership has shared with your organisation.
problems-profiles = Problem profiles
problems-none = There are no problem profiles yet.
problems-col-profile = Profile
problems-col-stage = Stage
problems-col-priority = Priority
problems-col-area = Area
problems-col-items = Intelligence items
problems-col-actions = Open actions
problems-overdue = { $count } overdue
problems-suggestions = Suggested problems
problems-suggestions-intro = The hub looks for rises above each neighbourhood's usual level, places reported again and again, and residents who report repeatedly. Each suggestion says why it was made.
problems-suggestions-none = Nothing stands out at the moment.
problems-covered = Already covered by an open profile
problems-new = Open a problem profile
problems-open = Open the profile
suggest-title-rise = More { $family } reports in { $area }
suggest-title-place = Repeated { $family } reports at one place in { $area }
suggest-title-victim = One resident reporting { $family } again and again in { $area }
suggest-rise = { $count } reports of { $family } in { $area } in the last 28 days, against a usual { $expected } (the average of the previous 12 months). { $chance }
suggest-place = { $count } reports of { $family } within about 165 metres of one place in { $area } in the last 91 days; spread evenly over the neighbourhood there would be { $expected }. { $chance }
suggest-victim = One resident has reported { $count } times in the last 91 days, mostly { $family } in { $area } (who they are is not shown here).
suggest-chance-100000 = That many would happen by chance less than once in a hundred thousand times.
suggest-chance-10000 = That many would happen by chance less than once in ten thousand times.
suggest-references = Reports:
suggest-open = Open a profile for this
family-asb = anti-social behaviour
family-drugs = drugs
family-hate = hate incident
family-abuse = abuse
family-environmental = environmental
family-vehicle = vehicle nuisance
family-tension = community tension
family-other = other
stage-scanning = Scanning
stage-analysis = Analysis
stage-response = Response
stage-assessment = Assessment
stage-closed = Closed
priority-high = High
priority-medium = Medium
priority-low = Low
decision-close = Close: the problem is solved or reduced enough
decision-continue = Continue the response
decision-revise = Revise the response
decision-analysis = Go back to analysis
action-planned = Planned
action-in-progress = In progress
action-done = Done
action-dropped = Dropped
strand-prevention = Prevention
strand-intelligence = Intelligence
strand-enforcement = Enforcement
strand-reassurance = Reassurance
profile-title-label = Title
profile-priority = Priority
profile-priority-is = Priority: { $priority }
profile-updated = Last changed { $date }
profile-stages = Problem-solving stages
profile-partner-note = Shared with your organisation. The intelligence behind this profile is not shown.
profile-terms = Terms of reference
profile-requester = Requested by
profile-aim = Aim
profile-neighbourhoods = Neighbourhoods
profile-categories = Report categories
profile-period = Period looked at
profile-period-from = From
profile-period-to = To
profile-period-range = { $from } to { $to }
profile-edit-terms = Change the terms of reference
profile-save = Save
profile-not-written = Not written yet.
profile-statement = Problem statement
profile-affected = Who is affected
profile-edit-scanning = Change the problem statement
profile-items = Linked intelligence items ({ $count })
profile-items-none = No intelligence items are linked yet.
profile-unlink = Remove { $reference } from this profile
profile-link-label = Report reference of a graded item
profile-link = Link the item
profile-triangle = Problem analysis triangle
pat-side = Side
pat-what = What we know
pat-controller = Who can control it
pat-offender = Offender
pat-victim = Victim or target
pat-place = Place
pat-handler = Handler
pat-guardian = Guardian
pat-manager = Place manager
pat-offender-hint = Who causes the problem (described, not named).
pat-victim-hint = Who or what is harmed, and whether the same people are harmed again.
pat-handler-hint = Someone with influence over the offender: family, youth worker, landlord.
pat-guardian-hint = Someone who protects the victim or target: neighbours, staff, CCTV.
pat-manager-hint = Who looks after the place: council, housing association, business owner.
profile-hypothesis = Hypothesis
profile-gaps = Intelligence gaps
profile-edit-analysis = Change the analysis
profile-data = What the reports show
profile-data-intro = { $count ->
        [one] 1 report
       *[other] { $count } reports
    } of these categories in these neighbourhoods from { $from } to { $to } (duplicates not counted).
chart-week-title = Reports by week
chart-week-description = Reports each week over the period, { $count } in all.
chart-weekday-title = Reports by day of the week
chart-weekday-description = Reports on each day of the week, Monday first.
chart-hour-title = Reports by hour of the day
chart-hour-description = Reports in each hour of the day, UK time.
chart-table = The numbers: { $chart }
chart-when = When
chart-reports = Reports
weekday-0 = Mon
weekday-1 = Tue
weekday-2 = Wed
weekday-3 = Thu
weekday-4 = Fri
weekday-5 = Sat
weekday-6 = Sun
month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December
profile-places = Repeat places
profile-map-title = Map of the profile's neighbourhoods
profile-map-description = The neighbourhoods' ward outlines with { $count } places reported more than once; a bigger circle means more reports. The table lists the same places.
profile-places-none = No place was reported more than once.
profile-places-caption = Places reported more than once (centres of areas about 165 metres across)
profile-places-ward = Ward
profile-places-point = Latitude, longitude
profile-places-reports = Reports
profile-victims = Repeat victims
profile-victims-none = No resident with confirmed contact details reported more than once.
profile-victims-some = { $people ->
        [one] One resident
       *[other] { $people } residents
    } reported more than once ({ $counts } reports). Who they are is on their reports, for officers who may see it.
profile-response-started = The response started on { $date }.
profile-response-not-started = The response has not started yet (it starts when the profile moves to Response).
profile-actions = Actions
profile-actions-none = No actions yet.
action-title = Action
action-owner = Owner
action-organisation = Organisation
action-organisation-csp = The partnership itself
action-organisation-other = Another partner organisation
action-owner-person = Person responsible
action-due = Due
action-status = Status
action-notes = Notes
action-overdue = Overdue
action-update = Update "{ $title }"
action-add = Add an action
assessment-process = Were the actions done?
assessment-process-count = { $total ->
        [one] { $done } of 1 action done.
       *[other] { $done } of { $total } actions done.
    }
assessment-outcome = Did it work?
assessment-not-started = The hub computes the outcome once the response has started and as many days have passed after it as the window you choose.
assessment-not-over = The after window ({ $days } days from the start of the response) is not over yet: the hub will compute the outcome when it is.
assessment-windows = { $days } days before the response ({ $before_from } to { $before_to }) against { $days } days after ({ $after_from } to { $after_to }).
assessment-caption = Reports of the profile's categories before and after the response
assessment-where = Where
assessment-before = Before
assessment-after = After
assessment-change = Change
assessment-ratio = Rate ratio
assessment-interval = 95% confidence interval
assessment-verdict = What it shows
assessment-area = The profile's neighbourhoods
assessment-background = Rest of the partnership
assessment-neighbours = Neighbouring areas
verdict-no-reports = No reports in either window
verdict-fell = Fell
verdict-rose = Rose
verdict-no-clear-change = No clear change
assessment-relative = Against the rest of the partnership: { $ratio } (95% interval { $low } to { $high }): { $verdict }.
assessment-relative-none = There are too few reports to compare the area with the rest of the partnership.
assessment-displacement = Reports fell here but rose in the neighbouring areas: the problem may have moved rather than gone.
assessment-method = Rate ratio = reports after ÷ reports before over equal windows; the interval uses the log method, adding a half to each count when one is zero. An interval wholly below 1 is a clear fall.
assessment-edit = Change the response start, the window or the process review
assessment-started = Day the response started
assessment-window = Days compared before and after
assessment-window-days = { $days } days
assessment-process-review = Process review: what was done as planned, what was not, and why
assessment-decide = Decide
assessment-decision = Decision
assessment-decision-notes = Reasons for the decision
assessment-outcome-en = What residents are told, in English
assessment-outcome-cy = What residents are told, in Welsh
assessment-outcome-hint = Sent to the residents whose reports are linked, each once and in their language, when the profile closes; also the draft of the public "you said, we did". No names or contact details.
assessment-record = Record the decision
assessment-told = What residents were told
profile-manage = Stage and sharing
profile-move-stage = Stage
profile-move = Move the profile
profile-share = Share with partner organisations
profile-share-hint = They see the profile, its analysis and actions, but not the intelligence items.
profile-share-save = Save sharing
profile-shared-with = Shared with: { $organisations }
profile-history = History
change-opened = Opened
change-terms = Terms of reference changed
change-scanning = Problem statement changed
change-analysis = Analysis changed
change-item-added = Intelligence item linked
change-item-removed = Intelligence item removed
change-action-added = Action added
change-action-updated = Action updated
change-assessment = Assessment changed
change-stage = Stage changed
change-shared = Sharing changed
change-decided = Decision recorded
profile-done-opened = The profile is open. Work through each stage below.
profile-done-saved = Saved.
profile-done-closed = The profile is closed and the residents whose reports were part of it have been told.
profile-error-stale = Someone else changed this profile after you opened it. Nothing was saved: check the page and make your change again.
profile-error-title = Enter a title.
profile-error-too-long = A field is too long: keep each one under 4,000 characters (titles 200).
profile-error-period = Enter the period as two dates, the first before the second, at most five years apart.
profile-error-neighbourhoods = Choose at least one neighbourhood of this partnership.
profile-error-categories = Choose at least one report category.
profile-error-choice = Choose one of the options given.
profile-error-item = There is no graded intelligence item of this partnership with that report reference.
profile-error-organisation = Choose an organisation of this partnership.
profile-error-due = Enter the due date as a date.
profile-error-meeting-date = Enter the meeting date as a real date, like 2026-12-07. The page below is today's meeting.
profile-error-started = Enter the day the response started (not in the future) before moving to Assessment.
profile-error-outcome-required = Write what residents are told in English and in Welsh before closing.
profile-error-outcome-identifies = What residents are told must not name anyone who reported or give their contact details. Take them out and try again.
profile-error-closed = This profile is closed and can no longer be changed.
profile-error-not-started = Decisions are made at the Assessment stage: move the profile there first.
ysw-you-said = You said: { $count ->
        [one] 1 report
       *[other] { $count } reports
    } about { $categories } in { $areas }.
ysw-we-did = We did:
ysw-no-actions = We looked into it with our partners.
ysw-we-did-counted = We did: { $count ->
        [one] 1 action
       *[other] { $count } actions
    } with our partners.
ysw-fell = Since then, reports have fallen by { $percent }% ({ $before } before, { $after } after, over the same length of time).
ysw-rose = Since then, reports have risen by { $percent }% ({ $before } before, { $after } after): we are keeping at it.
ysw-no-clear-change = Reports since then: { $after }, against { $before } before, over the same length of time.
email-problem-closed-subject = What was done about the problem you reported ({ $reference })
email-problem-closed-body =
    Thank you for your report { $reference }. It was part of a problem the community safety partnership and its partners worked on together. This is what was done:

    { $outcome }

    You can still follow your report with the link in your first email.
audit-action-problem-viewed-by-partner = Problem profile viewed by a partner
audit-action-problem-closed = Problem profile closed
audit-action-report-viewed = Report read
audit-action-case-review-viewed = Case review and applicant details read
audit-action-problem-shared = Problem profile shared with partner organisations
audit-action-api-key-revoked = API key revoked
audit-action-account-deactivated = Account deactivated

## Tasking, control strategy, strategic assessment
tasking-title = Tasking meeting
tasking-date = Meeting date
tasking-open = Show the agenda
tasking-earlier = Earlier meetings:
tasking-meeting-on = Meeting on { $date }. New since { $since }.
tasking-suggestions = 1. New suggested problems
tasking-profiles = 2. Open problem profiles, by priority
tasking-profile-actions = { $open ->
        [one] 1 open action
       *[other] { $open } open actions
    }, { $overdue } overdue
tasking-overdue = 3. Overdue actions
tasking-overdue-none = No action is overdue.
tasking-items = 4. Intelligence graded since the last meeting ({ $count })
tasking-items-none = No intelligence was graded since the last meeting.
tasking-in-profile = in { $reference }
tasking-record = Record of the meeting
tasking-attendees = Attendees
tasking-decisions = Decisions
tasking-save = Save the record
tasking-new-action = New action from the meeting
tasking-done-action = The action is added to the profile and recorded in the meeting's decisions.
tasking-action-line = Action for { $reference }: { $title } { $owner }{ $due }
strategy-title = Control strategy
strategy-intro = The partnership's priorities under prevention, intelligence, enforcement and reassurance, and the problem profiles that serve each.
strategy-none = No priorities are set yet.
strategy-strand-none = No priorities under this heading.
strategy-no-profiles = No problem profile serves this priority yet.
strategy-served-by = Served by:
strategy-unlink = Remove { $reference } from this priority
strategy-link-label = Profile serving "{ $priority }"
strategy-link = Link the profile
strategy-remove = Remove the priority "{ $priority }"
strategy-add = Add a priority
strategy-strand = Heading
strategy-priority = Priority
strategy-description = Description
sa-title = Strategic assessments
sa-intro = Every quarter the hub drafts the strategic assessment from the data; an analyst edits and publishes it. Published versions are kept as they were.
sa-none = No strategic assessment has been drafted yet.
sa-quarter = Quarter
sa-year = Year
sa-version = Version
sa-status = Status
sa-changed = Last changed
sa-draft = Draft
sa-published-on = Published { $date }
sa-draft-new = Draft an assessment
sa-draft-hint = The hub counts the quarter's reports against the previous quarter and the same quarter last year, finds what is emerging, and gathers the outcomes of profiles closed and the intelligence gaps. Only quarters that have ended can be drafted.
sa-draft-button = Draft it from the data
sa-heading = Strategic assessment { $quarter }: { $partnership }
sa-version-draft = Version { $version }, draft, last changed { $date }.
sa-version-published = Version { $version }, published { $date } by { $who }.
sa-versions = Versions:
sa-version-link-draft = { $version } (draft)
sa-version-link-published = { $version } (published)
sa-figures = Reports by kind of problem
sa-family = Kind of problem
sa-this-quarter = This quarter
sa-previous-quarter = Previous quarter
sa-last-year = Same quarter last year
sa-change = Change
sa-summary-heading = Summary
sa-top-heading = Top problems and their trend
sa-emerging-heading = Emerging issues
sa-outcomes-heading = Outcomes of problem profiles closed this quarter
sa-gaps-heading = Intelligence gaps
sa-recommendations-heading = Recommendations
sa-save = Save the draft
sa-publish = Publish
sa-revise = Start a new draft from this version
sa-done-drafted = The hub has drafted the assessment. Check and edit each section, then publish it.
sa-done-published = Published. This version will not change; start a new draft to revise it.
sa-error-published = This version is already published and cannot be changed. Start a new draft from it.
sa-error-quarter = Choose a quarter that has ended.
sa-summary = In { $quarter } the partnership received { $count ->
        [one] 1 report
       *[other] { $count } reports
    }: { $previous } on the previous quarter, and { $year_ago } on the same quarter last year. { $closed } problem profiles closed in the quarter; { $open } are open.
sa-top-line = { $rank }. { $family }: { $count ->
        [one] 1 report
       *[other] { $count } reports
    } ({ $previous } on the previous quarter; { $year_ago } on the same quarter last year).
sa-trend-fell = down { $percent }%, a clear fall
sa-trend-rose = up { $percent }%, a clear rise
sa-trend-unclear = { $percent }%, no clear change
sa-trend-new = none before
sa-emerging-line = { $family } in { $area }: { $count } reports, against { $before } the previous quarter (rate ratio { $ratio }, 95% interval { $low } to { $high }).
sa-emerging-none = Nothing rose clearly on the previous quarter.
sa-outcome-line = { $reference } { $title }: { $before ->
        [one] 1 report
       *[other] { $before } reports
    } before the response and { $after } after ({ $trend }).
sa-outcome-unmeasured = { $reference } { $title }: closed before its outcome could be measured.
sa-outcomes-none = No problem profile closed this quarter.
sa-gaps-none = No intelligence gaps are recorded in open profiles.
sa-recommend-profile = Consider a problem profile for { $family } in { $area }.
sa-recommend-strategy = Check that the control strategy has a priority for { $family }, the partnership's most reported problem.
sa-recommend-gaps = Task partners with filling the intelligence gaps listed above.
sa-top-none = No reports were received this quarter.
problems-suggestions-more = { $count ->
        [one] 1 weaker suggestion is not listed.
       *[other] { $count } weaker suggestions are not listed.
    }

# Finding a report by its reference, on the intake queue.
intake-find-label = Find a report by its reference
intake-find-region = Find a report
intake-find-hint = For example, CYM-26-000123. Capitals, spaces and leading zeros do not matter.
intake-find = Find
intake-find-found = Report { $reference } is shown below, whatever its status.
intake-find-none = There is no report { $reference } in { $csp }. Check the reference with whoever gave it.
intake-find-invalid = “{ $typed }” is not a report reference. References look like CYM-26-000123.
intake-find-whole-queue = Show the whole queue

# A form refused because someone else saved first, kept as typed.
form-stale-kept = Someone else saved a change here while you were working, so yours was not saved. What you typed is back in the form below: check it against what is saved now, then save again.
form-stale-compare = See what is saved now (opens in a new tab)

# Engagement (issue 13): shared messages. Each part adds its messages in its own block below.
engagement-done-saved = Saved.
survey-done-saved = Your answers so far are saved.
survey-error-unavailable = Sorry, your answers could not be saved just now. Nothing you typed is lost: please try again in a minute.

# Engagement: campaigns, the partnership calendar and the survey builder.
nav-engagement = Engagement campaigns
audit-action-campaign-planned = Campaign planned
audit-action-campaign-changed = Campaign changed
audit-action-campaign-status-changed = Campaign status changed
audit-action-survey-changed = Survey draft changed
audit-action-survey-published = Survey published
engagement-title = Engagement campaigns
engagement-intro = Plan campaigns with residents, neighbourhood by neighbourhood, and see every campaign of the partnership on one calendar so that two teams do not ask the same streets in the same month.
engagement-campaigns = Campaigns
engagement-none = No campaigns have been planned yet.
engagement-problem-heading = There is a problem
campaign-page-title = Campaign
campaign-title = Campaign
campaign-title-en = Title in English
campaign-title-cy = Title in Welsh
campaign-purpose = Purpose
campaign-purpose-en = Purpose in English
campaign-purpose-cy = Purpose in Welsh
campaign-where = Neighbourhoods
campaign-where-hint = Tick the whole partnership area, or one or more neighbourhoods.
campaign-whole-csp = The whole partnership area
campaign-when = Dates
campaign-period = { $from } to { $to }
campaign-status = Status
campaign-status-planned = Planned
campaign-status-open = Open for responses
campaign-status-closed = Closed
campaign-status-reported = Reported
campaign-status-now = This campaign is { $status }.
campaign-status-final = Results have been reported: the campaign is finished and no longer changes.
campaign-move-open = Open the campaign
campaign-move-reopen = Open the campaign again
campaign-move-close = Close the campaign
campaign-move-reported = Mark results as reported
campaign-channels = Channels
campaign-channel-online-survey = Online survey
campaign-channel-street-briefing = Street briefing
campaign-channel-have-a-say-day = Have-a-say day
campaign-channel-door-to-door = Door to door
campaign-channel-public-meeting = Public meeting
campaign-channel-kin-questionnaire = Key Individual Network questionnaire
campaign-starts = First day
campaign-ends = Last day
campaign-owner = Owner
campaign-policy = One response per person
campaign-policy-open = Open: anyone, as often as they like (a shared kiosk or tablet)
campaign-policy-one-per-device = One per device
campaign-policy-one-per-email = One per verified email address
campaign-policy-one-per-link = One per personal link (Key Individual Network)
campaign-results-due = Results published by
campaign-results-due-hint = Residents are told this date when they answer. Leave it empty if it is not known yet.
campaign-results-due-none = Not set yet
campaign-address = Residents answer at
campaign-details = Details
campaign-plan = Plan a campaign
campaign-plan-hint = Planning a campaign that covers a neighbourhood in a month another campaign covers is allowed: the campaign's page and the calendar say so, so the teams can agree between them.
campaign-plan-button = Plan the campaign
campaign-edit = Change the campaign
campaign-save = Save the changes
campaign-overlap-tag = overlaps
campaign-overlap-heading = This campaign overlaps with others
campaign-overlap-intro = Another campaign of the partnership covers the same neighbourhood in the same month. Agree with its owner who asks whom, or change the dates:
campaign-survey-heading = Survey and results
campaign-survey-none = This campaign has no survey yet.
campaign-survey-draft = The survey is a draft with { $questions } questions; it has not been published.
campaign-survey-published = Version { $version } of the survey is published; the draft has { $questions } questions.
campaign-link-builder = Build the survey
campaign-link-residents = The residents' survey page
campaign-link-enter = Enter responses from face-to-face conversations
campaign-link-paper = Printable paper version
campaign-link-import = Import keyed-in paper responses
campaign-link-results = Results
campaign-link-coding = Code the written answers
campaign-link-export = Download the anonymised answers (CSV)
campaign-link-reach = Reach: who has answered
campaign-done-planned = The campaign is planned.
campaign-done-saved = The campaign's changes are saved.
campaign-done-status = The campaign's status is changed.
campaign-error-title = Give the campaign a title in English and in Welsh.
campaign-error-too-long = A title can be at most 200 characters and a purpose at most 4,000.
campaign-error-neighbourhoods = Choose the whole partnership area or at least one of its neighbourhoods.
campaign-error-channels = Choose at least one channel.
campaign-error-dates = Give the first and last days as dates.
campaign-error-order = The last day cannot come before the first day.
campaign-error-period = A campaign can last at most two years.
campaign-error-results-due = The day results are published must be a date on or after the first day.
campaign-error-owner = Choose an owner from the list.
campaign-error-policy = Choose how one response per person is kept.
campaign-error-stale = Someone else changed this campaign while you were working, so your change was not saved.
campaign-error-reported = The campaign's results are reported: it no longer changes.
campaign-error-status = The campaign cannot move to that status from where it is.
campaign-error-needs-survey = Publish the campaign's survey before opening the campaign.
calendar-title = Partnership calendar
calendar-intro = Every campaign of the partnership by neighbourhood and month. A month where two or more campaigns cover the same neighbourhood is marked "Overlap".
calendar-caption = Campaigns by neighbourhood, { $from } to { $to }
calendar-neighbourhood = Neighbourhood
calendar-overlap = Overlap
calendar-earlier = Earlier months
calendar-later = Later months
builder-title = Survey builder
builder-heading = Survey: { $campaign }
builder-intro = Build the questions residents answer. Every question, option and help text needs its Welsh before the survey can be published. A published version never changes: changes after publishing are made to the draft and published as a new version.
builder-start-heading = Start the survey
builder-none = This campaign has no survey yet.
builder-start = Start an empty survey
builder-poll-heading = Neighbourhood priorities poll
builder-poll-hint = A ready-made poll: residents choose up to three of the partnership's report categories, in order, for their ward, then add detail. Every partnership's poll has the same questions, so priorities compare across neighbourhoods.
builder-poll = Use the neighbourhood priorities poll
builder-publish-heading = Publishing
builder-unpublished = No version has been published yet.
builder-version = Version { $version }, published { $date }
builder-preview = Preview the draft as residents will see it:
builder-preview-en = in English
builder-preview-cy = in Welsh
builder-ready = Nothing stops the draft being published.
builder-problems-count = { $count ->
    [one] One thing stops the draft being published: see the question marked below.
   *[other] { $count } things stop the draft being published: see the questions marked below.
}
builder-publish-hint = Publishing makes a new version from the draft; versions already published do not change.
builder-publish = Publish the draft
builder-dates-heading = When residents can answer
builder-opens = Opens on
builder-closes = Closes at the end of
builder-dates-save = Save the dates
builder-questions = Questions
builder-no-questions = There are no questions yet.
builder-question-heading = Question { $number }: { $kind }
builder-question-problems = Before publishing:
builder-question-save = Save the question
builder-required = An answer is required
builder-options = Options
builder-option-en = Option { $number } in English
builder-option-cy = Option { $number } in Welsh
builder-max-choices = At most this many choices
builder-max-choices-hint = Leave empty for no limit (a ranking then ranks every option).
builder-condition = Ask this question
builder-condition-always = Always
builder-condition-choice = Only when question { $number } is answered “{ $answer }”
builder-words-en = { $what } in English
builder-words-cy = { $what } in Welsh
builder-move-up = Move question { $number } up
builder-move-down = Move question { $number } down
builder-option-add = Add an option to question { $number }
builder-option-remove = Remove option { $option } of question { $number }
builder-remove = Remove question { $number }
builder-add-heading = Add a question
builder-kind = Type of question
builder-add = Add the question
builder-kind-single = One choice
builder-kind-multiple = Several choices
builder-kind-rating = Rating from 1 to 5
builder-kind-ranking = Ranking
builder-kind-free-text = Free text
builder-kind-place = Place (ward)
builder-part-text = The question
builder-part-help = The help text
builder-part-low = The words for 1
builder-part-high = The words for 5
builder-part-option = Option { $number }
builder-problem-no-questions = The survey has no questions yet.
builder-problem-too-many = A survey can have at most { $most } questions.
builder-problem-repeated-key = Two questions have the same key.
builder-problem-missing-english = { $part }: the English is missing.
builder-problem-missing-welsh = { $part }: the Welsh is missing.
builder-problem-too-long = { $part }: at most { $most } characters.
builder-problem-options = A choice or ranking question needs between 2 and { $most } options.
builder-problem-repeated-option = Two options have the same key.
builder-problem-max-choices = “At most” must be between 1 and the number of options.
builder-problem-condition = The question is asked only after an answer that is not an option of an earlier choice question: choose another, or always.
builder-preview-title = Survey preview
builder-preview-draft = This is the draft, as residents will see it once it is published. Nothing can be answered here.
builder-preview-version = This is published version { $version }, as residents see it. Nothing can be answered here.
builder-preview-required = (required)
builder-preview-condition = Asked when question { $number } is answered “{ $answer }”.
builder-preview-rank = Choice { $number }
builder-preview-choose = Choose…
builder-done-started = The survey is started.
builder-done-saved = The survey's draft is saved.
builder-done-published = The survey is published as a new version.
builder-error-stale = Someone else changed this survey while you were working, so your change was not saved.
builder-error-exists = This campaign already has a survey.
builder-error-none = Start the survey first.
builder-error-question = That question or option is no longer in the survey.
builder-error-kind = Choose a type of question from the list.
builder-error-too-many-questions = A survey can have at most 60 questions.
builder-error-too-many-options = A question can have at most 30 options.
builder-error-too-long = Question, help and option texts can be at most 1,000 characters.
builder-error-max-choices = “At most” must be a whole number from 1, or empty.
builder-error-condition = A question can depend only on an answer of an earlier one-choice or several-choice question.
builder-error-dates = Give the opening and closing days as dates, closing on or after opening.
builder-error-problems = The survey cannot be published yet: put right what is marked at each question.
builder-error-missing-welsh = The survey cannot be published until every question, option and help text has its Welsh: see what is marked at each question.
builder-error-reported = The campaign's results are reported: its survey no longer changes.
poll-priorities = Which issues should the partnership deal with first where you live?
poll-priorities-help = Choose up to three, most important first.
poll-place = Which ward do you live in?
poll-detail = Tell us more: where, when, and how it affects you (optional). Please do not name anyone.
# Responding (issue 13): residents answering a survey, staff entry, the paper version, imports.
survey-title = Have your say
survey-not-yet-open = This survey opens on { $date }. Please come back then.
survey-closed = This survey closed on { $date }. Thank you to everyone who answered.
survey-not-ready = This survey is not ready yet. Please come back later.
survey-needs-link = This survey is answered through a personal link sent by the partnership. If you expected one and cannot find it, contact the partnership.
survey-link-invalid = This link does not work. Check that you copied all of it, or ask the partnership for a new one.
survey-answered = You have already answered this survey. Thank you: only one answer per person is counted.
survey-results-due = The results will be published by { $date }.
survey-results-later = The results will be published once the survey has closed.
survey-step = Part { $number } of up to { $count }.
survey-closes = The survey closes on { $date }.
survey-resume = Your answers so far are saved. Keep this private link to finish later (anyone with it can see your answers until you send them):
survey-back = Back
survey-next = Save and continue
survey-send = Send my answers
survey-optional = (optional)
survey-choose-up-to = Choose up to { $max }.
survey-no-choice = No choice
survey-choose-ward = Choose a ward
survey-rank-1 = First choice
survey-rank-2 = Second choice
survey-rank-3 = Third choice
survey-rank-n = Choice number { $n }
survey-error-required = Answer this question.
survey-error-unknown-choice = Choose one of the answers listed.
survey-error-too-many = Choose no more than { $max }.
survey-error-repeated-rank = Choose each answer once only.
survey-error-out-of-range = Choose a number from 1 to 5.
survey-error-too-long = Your answer is too long: use no more than { $max } characters.
survey-error-unknown-place = Choose a ward from the list.
survey-error-answers = Some answers need correcting: see the messages by each question.
survey-error-answered = Only one answer per person is counted, and yours has already been received.
survey-error-rate-limited = Too many answers have been sent from this connection in the last hour. Please try again later.
survey-error-email = Enter an email address like name@example.com.
survey-done-sent = If that address can answer this survey, we have sent it a personal link. Check your email (and your spam folder), then open the link to answer.
survey-done-copied = A copy of your answers is on its way to your email.
survey-email-intro = To keep to one answer per person, this survey is answered through a personal link. Give your email address and we will send you one. We keep only a coded form of your address that cannot be turned back into it, never the address itself.
survey-email-hint = We use it only to send the link.
survey-email-send = Send me a link
survey-link-email-subject = Your link to answer: { $title }
survey-link-email-body = Thank you for taking part in “{ $title }”.

    Open this personal link to answer the survey. It works once, for you only: please do not share it.
    { $link }

    If you did not ask for this, you can ignore this email.
survey-thanks-title = Thank you
survey-thanks = Your answers to “{ $title }” have been received.
survey-next-heading = What happens next
survey-next-body = The partnership reads every answer together with those from street briefings, meetings and paper forms. What you told us helps decide the priorities for your neighbourhood. Your answers are not linked to your name.
survey-copy-heading = Get a copy of your answers
survey-copy-hint = Only if you want one. We use your address only to send the copy, and do not keep it.
survey-copy-send = Email me a copy
survey-copy-subject = Your answers: { $title }
survey-copy-body = Thank you for answering “{ $title }”. These are the answers you sent.

    { $answers }

    { $results }
survey-home = Back to the home page
responding-channel-online = Online
responding-channel-street-briefing = Street briefing
responding-channel-have-a-say-day = Have-a-say day
responding-channel-door-to-door = Door to door
responding-channel-public-meeting = Public meeting
responding-channel-kin = Key Individual Network
responding-channel-paper = Paper form
entry-title = Enter a response
entry-heading = Enter a response: { $title }
entry-no-survey = This campaign has no published survey yet.
entry-paper-link = Printable paper version
entry-import-link = Import paper responses (CSV)
entry-how = How the response was given
entry-channel = Channel
entry-language = Language of the response
entry-ward = Neighbourhood (ward)
entry-tablet = Shared-tablet mode: clear the form after each respondent and show nothing of the last one
entry-save = Save this response
entry-recent = Latest responses
entry-recent-caption = The latest responses to this campaign, newest first
entry-recent-none = No responses yet.
entry-flagged = { $count ->
        [one] 1 response is flagged as a possible duplicate of an earlier one from another channel.
       *[other] { $count } responses are flagged as possible duplicates of earlier ones from another channel.
    }
entry-response = Response
entry-when = Received
entry-by = Entered by
entry-by-resident = The resident
entry-duplicate = Flag
entry-possible-duplicate = Possible duplicate of #{ $id }
entry-done-entered = Response saved. The form is clear for the next person.
entry-error-answers = The response was not saved: some answers need correcting (see each question).
entry-error-channel = Choose how the response was given.
paper-title = Paper version
paper-print-hint = Print this page (it prints without the site's menus). Each question is in English and in Welsh.
paper-ranking = Number your top { $count } in order (1 for the most important).
paper-only-if = Answer only if your answer to { $question } applies.
import-title = Import paper responses
import-heading = Import paper responses: { $title }
import-intro = Upload a CSV file of paper forms as keyed in: a header row naming the question keys below, then one row per form. For several answers or a ranking, separate the answer keys with a semicolon (;), a ranking in order. For a place, give the ward code. The language column (en or cy) is optional. Every row is checked first: if any row has a mistake, nothing is imported.
import-file = CSV file
import-file-hint = UTF-8, with a header row.
import-submit = Check and import
import-back = Back to entering responses
import-done = Paper responses imported.
import-counts = { $count } imported; { $flagged } flagged as possible duplicates.
import-error = Nothing was imported. Correct these rows and upload the file again:
import-line = Line { $line }:
import-error-unreadable = this is not a CSV file in UTF-8.
import-error-empty = the file has no responses.
import-error-too-many = the file has more than { $max } responses: split it.
import-error-column = the column “{ $column }” is not a question of this survey.
import-error-repeated-column = the column “{ $column }” appears twice.
import-error-cells = this row does not have one cell per column.
import-error-language = the language must be en or cy.
import-equality-heading = Optional equality monitoring columns
import-equality-intro = Add any of these columns, named as shown, for the equality monitoring questions the form asked. Each cell is one of the codes listed (prefer_not_to_say too) or empty when the question was skipped. The answers are stored apart from the survey's answers, as online answers are.
import-equality-postcode = the first half of a postcode (CF24), or a whole postcode (only its first half is kept), or prefer_not_to_say
audit-action-response-entered = Survey response entered by staff
audit-action-responses-imported = Paper survey responses imported

# Engagement (issue 13), reach: equality monitoring questions. The census categories are the
# ONS's Census 2021 wording.
equality-legend = About you (optional)
equality-intro = These questions help us check that we hear from everyone in the community. Every question is optional, and each has “prefer not to say”. Your answers here are kept apart from your other answers and are only ever counted in groups: they are never shown for any one person.
equality-prefer-not-to-say = Prefer not to say
equality-age = Age
equality-age-question = What is your age?
equality-age-under-15 = Under 15
equality-age-band = { $from } to { $to }
equality-age-75-plus = 75 or over
equality-sex = Sex
equality-sex-question = What is your sex?
equality-sex-female = Female
equality-sex-male = Male
equality-gender-identity = Gender identity
equality-gender-identity-question = Is the gender you identify with the same as your sex registered at birth?
equality-gender-identity-same = Yes
equality-gender-identity-different = No
equality-ethnic-group = Ethnic group
equality-ethnic-group-question = What is your ethnic group?
equality-ethnic-asian = Asian, Asian British or Asian Welsh
equality-ethnic-asian-bangladeshi = Bangladeshi
equality-ethnic-asian-chinese = Chinese
equality-ethnic-asian-indian = Indian
equality-ethnic-asian-pakistani = Pakistani
equality-ethnic-asian-other = Other Asian
equality-ethnic-black = Black, Black British, Black Welsh, Caribbean or African
equality-ethnic-black-african = African
equality-ethnic-black-caribbean = Caribbean
equality-ethnic-black-other = Other Black
equality-ethnic-mixed = Mixed or Multiple ethnic groups
equality-ethnic-mixed-white-asian = White and Asian
equality-ethnic-mixed-white-black-african = White and Black African
equality-ethnic-mixed-white-black-caribbean = White and Black Caribbean
equality-ethnic-mixed-other = Other Mixed or Multiple ethnic groups
equality-ethnic-white = White
equality-ethnic-white-british = English, Welsh, Scottish, Northern Irish or British
equality-ethnic-white-irish = Irish
equality-ethnic-white-gypsy-irish-traveller = Gypsy or Irish Traveller
equality-ethnic-white-roma = Roma
equality-ethnic-white-other = Other White
equality-ethnic-other = Other ethnic group
equality-ethnic-other-arab = Arab
equality-ethnic-other-any = Any other ethnic group
equality-religion = Religion
equality-religion-question = What is your religion?
equality-religion-none = No religion
equality-religion-christian = Christian (all denominations)
equality-religion-buddhist = Buddhist
equality-religion-hindu = Hindu
equality-religion-jewish = Jewish
equality-religion-muslim = Muslim
equality-religion-sikh = Sikh
equality-religion-other = Any other religion
equality-disability = Disability
equality-disability-question = Are your day-to-day activities limited because of a health problem or disability which has lasted, or is expected to last, at least 12 months?
equality-disability-a-lot = Yes, limited a lot
equality-disability-a-little = Yes, limited a little
equality-disability-no = No
equality-sexual-orientation = Sexual orientation
equality-sexual-orientation-question = Which of the following best describes your sexual orientation?
equality-orientation-straight = Straight or heterosexual
equality-orientation-gay-lesbian = Gay or lesbian
equality-orientation-bisexual = Bisexual
equality-orientation-other = Other sexual orientation
equality-welsh-language = Welsh language
equality-welsh-language-question = Which best describes your Welsh?
equality-welsh-speaks = I can speak Welsh
equality-welsh-some = I cannot speak Welsh, but I can understand, read or write some Welsh
equality-welsh-none = I have no skills in Welsh
equality-postcode-district = Postcode district
equality-postcode-district-question = The first half of your postcode
equality-postcode-district-hint = For example, CF24. If you type your whole postcode, only its first half is kept.
equality-problem-choice = { $question }: choose one of the answers given, or leave it blank.
equality-problem-postcode = Postcode district: type the first half of a postcode, such as CF24, or leave it blank.
equality-problem-postcode-both = Postcode district: either type the first half of your postcode or tick “prefer not to say”, not both.
## Engagement results, coding free text and the export (part: results).
audit-action-engagement-results-published = Engagement results published
audit-action-engagement-answers-viewed = Free-text answers read for coding
audit-action-engagement-answers-exported = Survey answers exported
results-title = Survey results
results-heading = Results: { $campaign }
results-done-published = The results are published: partners can now see them.
results-error-published = These results were already published.
results-provisional = Provisional.
results-provisional-body = The survey is still open, so these results will change as more responses come in.
results-responses = Responses counted: { $count }
results-suppression = Counts under { $threshold } are shown as “fewer than { $threshold }”, and where a total would give one away, another count is hidden too.
results-fewer-than = fewer than { $threshold }
results-published-on = Results published to partners on { $date }.
results-not-published = Results not yet published to partners.
results-sensitive-withheld = Hate incidents, domestic abuse and sexual violence are never shown outside the partnership's staff, so their counts are hidden here like small ones.
results-publish = Publish results to partners
results-publish-hint = Partners see only the counts for the whole campaign, never free text or the filters.
results-coding-link = Code the free-text answers
results-export-link = Download the anonymised answers (CSV)
results-no-survey = This campaign has no published survey yet, so there are no results.
results-filter = Filter the responses counted
results-filter-neighbourhood = Neighbourhood
results-filter-channel = How the response came in
results-filter-group = Equality group
results-filter-all = All
results-filter-show = Show results
results-filtered = Only some responses are counted.
results-filter-clear = Show every response
results-answered = Answered by: { $count }
results-question-version = { $question } (version { $version } of the survey)
results-chart-description = A bar for each answer; answered by { $count }. The table below gives the same numbers.
results-table = Numbers for “{ $question }”
results-answer = Answer
results-count = Responses
results-percent = Share
results-first-choice = First choice
results-points = Points
results-points-hidden = not shown (few responses)
results-ranking-points = Points: the first place scores { $places }, the next one less, down to 1 for the last place ranked.
results-rating-ends = 1 is “{ $low }”, 5 is “{ $high }”.
results-rating-mean = Average rating: { $mean }
results-rating-no-mean = The average is not shown while some counts are hidden.
results-free-text = Free-text answers are not published; staff code them into themes.
results-channel-online = Online
results-channel-street-briefing = Street briefing
results-channel-have-a-say-day = Have-a-say day
results-channel-door-to-door = Door to door
results-channel-public-meeting = Public meeting
results-channel-kin = Key Individual Network
results-channel-paper = Paper form
results-topic-age-band = Age
results-topic-sex = Sex
results-topic-gender-identity = Gender identity
results-topic-ethnic-group = Ethnic group
results-topic-religion = Religion
results-topic-disability = Disability
results-topic-sexual-orientation = Sexual orientation
results-topic-welsh-language = Welsh language
coding-title = Coding free-text answers
coding-heading = Coding answers: { $campaign }
coding-intro = Tag each answer with the themes it raises. Notes are seen only by the partnership's staff, and free text is never published.
coding-results-link = Back to the results
coding-no-questions = This survey has no free-text questions.
coding-question = Question
coding-choose = Show this question
coding-codebook = Codebook
coding-no-themes = No themes yet for this question.
coding-themes-caption = Themes and the answers tagged with them
coding-theme = Theme
coding-theme-count = Answers
coding-counts-filtered = The counts are for the neighbourhood or group chosen below.
coding-new-theme = New theme
coding-add-theme = Add theme
coding-suggestions = Suggested themes
coding-suggestions-hint = Words that many answers share and no theme covers yet. Nothing is tagged until a person does it.
coding-no-suggestions = No suggestions: no word is shared by two answers that a theme does not already cover.
coding-keyword = “{ $word }”, in { $answers } answers
coding-accept = Add “{ $word }” as a theme
coding-answers = Answers
coding-filter = Which answers to list
coding-filter-group = Equality group (theme counts)
coding-uncoded = Only answers not yet coded
coding-answers-count = { $count } answers; page { $page } of { $pages }
coding-response = Response { $number }
coding-suggested = Suggested themes: { $themes }
coding-suggested-mark = suggested
coding-themes-of = Themes of response { $number }
coding-note = Note (staff only)
coding-note-hint = Never shown to partners or the public.
coding-save = Save coding
coding-done-theme = Theme added to the codebook.
coding-done-saved = Coding saved.
coding-error-theme-name = Give the theme a name of up to 80 characters.
coding-error-theme-exists = This question already has a theme of that name.
coding-error-question = That question has no free-text answers to code.
coding-error-answer = That answer could not be found.
coding-error-theme = Choose themes from this question's codebook.
coding-error-note-too-long = The note is too long: write 2,000 characters at most.
export-response = Response
export-channel = Channel
export-neighbourhood = Neighbourhood
export-submitted = Submitted
# The Key Individual Network (issue 13, kin): the register and its quarterly questionnaire.
nav-kin = Key Individual Network
audit-action-kin-viewed = Key Individual Network viewed
audit-action-kin-changed = Key Individual Network changed
audit-action-kin-questionnaire-sent = KIN questionnaire sent
kin-quarter = Q{ $number } { $year }
kin-title = Key Individual Network
kin-intro = People who live or work in each neighbourhood and answer a short questionnaire every quarter. Only engagement leads and managers see this register, and every view of it is recorded in the audit log.
kin-done-added = The member was added to the network.
kin-done-edited = The member's details were saved.
kin-done-withdrawn = Consent withdrawn: the member will not be emailed again.
kin-done-removed = The member was removed: their name and contact details are deleted. Questionnaires already sent still count in past response rates, and answers already given stay in the results without their name.
kin-done-sent = This quarter's questionnaire was sent.
kin-done-reminded = Reminders were sent.
kin-sent-counts = { $sent ->
        [one] 1 member was sent their personal link now
       *[other] { $sent } members were sent their personal link now
    }; { $already ->
        [one] 1 had already been sent theirs this quarter.
       *[other] { $already } had already been sent theirs this quarter.
    }
kin-reminded-counts = { $sent ->
        [one] 1 reminder was sent
       *[other] { $sent } reminders were sent
    }; { $already ->
        [one] 1 member had already been reminded and is not reminded again.
       *[other] { $already } members had already been reminded and are not reminded again.
    }
kin-error-neighbourhood = Choose the neighbourhood the member belongs to.
kin-error-name = Enter the member's name.
kin-error-contact = Enter an email address or a phone number (or both).
kin-error-email = Enter the email address in the right form, like name@example.com.
kin-error-phone = Enter a phone number of 10 to 15 digits.
kin-error-language = Choose English or Welsh.
kin-error-too-long = Shorten the text: names and roles up to 200 characters, groups up to 500.
kin-error-consent-date = Enter the day the member agreed to be contacted, no later than today.
kin-error-review-date = Enter the day the membership is next reviewed.
kin-error-status = Choose whether the member is active or has left.
kin-error-stale = Someone else changed this member while you were working. Check the details and save again.
kin-error-unknown = That member is not on the register.
kin-error-no-consent = The member has not given consent, so there is none to withdraw.
kin-error-campaign = Choose a campaign that is planned or open, with the Key Individual Network questionnaire channel and one response per personal link.
kin-error-not-published = Publish the campaign's survey before sending it: members' links open the published questions.
kin-members-heading = Members
kin-members-caption = Members in { $neighbourhood }
kin-none-in = No members yet in: { $neighbourhoods }.
kin-name = Name
kin-contact = Contact
kin-language = Language
kin-community-role = Role in the community
kin-speaks-for = Groups they can speak for
kin-consent = Consent
kin-review = Review
kin-status = Status
kin-this-quarter = This quarter
kin-actions = Actions
kin-consent-given = Given on { $date }
kin-consent-none = No consent: not contacted
kin-consent-withdrawn = Withdrawn on { $date }: not contacted
kin-review-on = { $date }
kin-review-overdue = Review overdue since { $date }
kin-status-active = Active
kin-status-left = Left
kin-status-removed = Removed
kin-q-not-sent = Not sent
kin-q-sent = Sent on { $date }
kin-q-reminded = Reminded on { $date }
kin-q-answered = Answered
kin-open = Open { $name }
kin-removed-count = { $count ->
        [one] 1 member was removed: their name and contact details are deleted.
       *[other] { $count } members were removed: their names and contact details are deleted.
    }
kin-add-heading = Add a member
kin-field-neighbourhood = Neighbourhood
kin-field-name = Name
kin-field-email = Email address
kin-field-phone = Phone number
kin-field-contact-hint = An email address, a phone number, or both. The questionnaire goes by email.
kin-field-language = Language for messages
kin-field-community-role = Role in the community
kin-field-community-role-hint = For example: chair of the tenants' association, shopkeeper, youth worker.
kin-field-speaks-for = Groups they can speak for
kin-field-speaks-for-hint = For example: older residents, Polish families, disabled people. Include protected-characteristic groups where they speak for them.
kin-field-consent = Consent to be contacted
kin-field-consent-yes = They agreed to be contacted by the partnership
kin-field-consent-on = Day consent was given
kin-field-review-on = Review the membership on
kin-field-status = On the network
kin-add-submit = Add member
kin-save-submit = Save details
kin-questionnaire-heading = Quarterly questionnaire
kin-questionnaire-intro = Each active member who agreed to be contacted and has an email address gets a personal link in their language, once a quarter. Members who have not answered can be reminded once, a week after sending.
kin-questionnaire-campaign = Campaign
kin-questionnaire-send = Send this quarter's questionnaire
kin-questionnaire-remind = Send reminders
kin-questionnaire-none = There is no Key Individual Network questionnaire yet. Plan a campaign with the KIN questionnaire channel and one response per personal link, and publish its survey.
kin-trends-heading = Response rates
kin-trends-caption = Questionnaires answered of those sent, per neighbourhood and quarter
kin-trends-neighbourhood = Neighbourhood
kin-trends-change = Change on the quarter before
kin-trends-cell = { $answered } of { $sent } ({ $percent }%)
kin-trends-nothing = none sent
kin-trends-points = { $points ->
        [0] no change
       *[other] { $points } points
    }
kin-trends-empty = No questionnaire has been sent yet.
kin-chart-label = Response rate in { $neighbourhood }, quarter by quarter
kin-member-back = Back to the register
kin-member-details = Details
kin-member-edit-heading = Change details
kin-member-consent-heading = Consent withdrawn
kin-member-consent-intro = When a member asks not to be contacted any more, record it here: they get no more emails.
kin-withdraw = Record consent withdrawn
kin-member-remove-heading = Remove from the network
kin-member-remove-intro = Removing deletes the member's name, contact details, role and groups at once. What is kept: the neighbourhood and dates of questionnaires already sent, so past response rates stay true, and answers already given, which stay in the results without a name. The audit log keeps who removed the member and when.
kin-remove = Remove this member
kin-member-answers-heading = Answers in their words
kin-member-answers-caption = Free-text answers the member gave through their personal links
kin-member-answers-none = No written answers yet.
kin-answer-when = Quarter
kin-answer-question = Question
kin-answer-text = Answer
kin-answer-record = Record as intelligence
kin-email-subject = Your quarterly questionnaire from { $csp }
kin-email-body =
    Dear { $name },

    Thank you for being part of { $csp }'s Key Individual Network. This quarter's questionnaire, "{ $title }", is ready for you.

    Answer it at your personal link (please do not share it; it works once):
    { $link }

    It takes a few minutes. What you tell us helps the partnership understand how safe your neighbourhood feels.

    If you no longer want to be contacted, tell the partnership's engagement team and we will stop.

    This message was sent automatically by Cymuned.
kin-reminder-subject = Reminder: your quarterly questionnaire from { $csp }
kin-reminder-body =
    Dear { $name },

    A reminder that this quarter's questionnaire, "{ $title }", is waiting for your answers. This is the only reminder we send.

    Your personal link (it replaces the one in our earlier email):
    { $link }

    If you no longer want to be contacted, tell the partnership's engagement team and we will stop.

    This message was sent automatically by Cymuned.
# Engagement (intel): intelligence recorded from engagement, and neighbourhood priorities.
audit-action-intelligence-recorded = Intelligence recorded from engagement
audit-action-survey-answer-read = Survey answer read to record intelligence
intelligence-source-report = Resident's report
intelligence-source-street-briefing = Street briefing
intelligence-source-kin-answer = Key Individual Network answer
intelligence-source-survey-answer = Survey answer
intelligence-source-partner = Partner
intelligence-source-meeting = Meeting
intelligence-record-link = Record intelligence from engagement
intel-record-title = Record intelligence from engagement
intel-record-intro = What a street briefing, a Key Individual Network member, a survey answer, a partner or a meeting told you, sanitised and graded 3x5x2 like an item from a report. It joins the intelligence list and the tasking agenda, and can be linked to problem profiles.
intel-origin = Where it was heard
intel-choose = Choose…
intel-neighbourhood = Neighbourhood
intel-observed-on = Day it was heard
intel-summary-hint = Nothing that identifies the person who told you, or anyone else unless it is necessary: no names, email addresses or phone numbers.
intel-record = Record the item
intel-from-survey = From a survey answer
intel-from-kin = From a Key Individual Network answer
intel-from-answer = Campaign “{ $campaign }”, question { $question }, answered { $date }. The text below is the answer with email addresses and phone numbers taken out: read it and remove anything else that identifies someone.
intel-from-earlier = Items already recorded from this response: { $items }
intel-make-item = Record as intelligence
intel-done-recorded = The intelligence item is recorded.
intel-error-origin = Choose where it was heard: a street briefing, a Key Individual Network answer, a survey answer, a partner or a meeting.
intel-error-neighbourhood = Choose a neighbourhood of this partnership.
intel-error-date = Give the day it was heard as a date, no later than today and no more than a year ago.
intel-error-summary-identifies = The text still contains a name, an email address or a phone number. Take it out before saving: the item may be shared.
intel-error-answer = That survey answer cannot be found in this partnership.
priority-title = Neighbourhood priorities
priority-intro = Up to three priorities per neighbourhood and quarter, set from what residents said and the intelligence, each linked to the problem profiles and actions that work on it. At the next review, record the community's verdict and its evidence.
priority-period = Quarter
priority-quarter = Quarter { $quarter }, { $year }
priority-current = Priorities for { $period } ({ $count } of 3)
priority-none = No priorities are set for this neighbourhood and quarter.
priority-why = Why:
priority-why-hint = What residents said and the intelligence behind it.
priority-set-by = Set by { $who } on { $date }
priority-links = Worked on by:
priority-no-links = Not yet linked to a problem profile or action.
priority-action = Action “{ $action }” of
priority-not-reviewed = Not reviewed yet
priority-reviews = Reviews
priority-link-label = Link to a problem profile or action
priority-profiles = Problem profiles
priority-actions = Actions
priority-no-choices = The partnership has none open.
priority-link = Link
priority-verdict = The community's verdict on “{ $priority }”
priority-verdict-resolved = Resolved
priority-verdict-improving = Improving
priority-verdict-not-resolved = Not resolved
priority-evidence = Evidence
priority-reviewed-on = Day of the review
priority-record-review = Record the verdict
priority-set = Set a priority (up to { $max })
priority-title-en = Priority in English
priority-title-cy = Priority in Welsh
priority-save = Set the priority
priority-earlier = Earlier priorities
priority-earlier-none = No priorities were set for this neighbourhood before this quarter.
priority-col-priority = Priority
priority-col-verdict = Verdict
priority-community-note = Community priority in { $neighbourhood }: { $priority }
priority-done-set = The priority is set.
priority-done-linked = The priority is linked.
priority-done-reviewed = The verdict is recorded.
priority-error-too-many = This neighbourhood already has three priorities for this quarter. Record a verdict on one at its review and set new priorities next quarter.
priority-error-title = Give the priority in both English and Welsh.
priority-error-too-long = A priority is at most 200 characters, and why and the evidence at most 4,000.
priority-error-period = Choose a quarter from the list.
priority-error-unknown = Choose a priority, problem profile and action of this partnership.
priority-error-verdict = Choose the community's verdict: resolved, improving or not resolved.
priority-error-evidence = Give the evidence for the verdict.
priority-error-date = Give the day of the review as a date, no later than today.
survey-equality-heading = About you (optional)
survey-equality-intro = These questions help the partnership check it hears from everyone in the community. Every question is optional and has “prefer not to say”. Your answers are kept apart from your other answers and only ever counted in groups, never shown for one person.
entry-equality-intro = Ask these only if the person is happy to answer; leave any unanswered. Never guess them.
audit-action-priority-changed = Neighbourhood priority changed
priority-edit = Change “{ $priority }”
priority-save-changes = Save the changes
priority-remove = Remove “{ $priority }”
priority-remove-hint = For a priority set in error: it goes with its links, and its place is free again. A priority with a verdict recorded is the neighbourhood's history and stays.
priority-remove-confirm = Yes, remove this priority
priority-remove-button = Remove the priority
priority-done-edited = The priority is changed.
priority-done-removed = The priority is removed.
priority-error-confirm = Tick the box to confirm that the priority should be removed.
priority-error-has-verdict = This priority has a verdict recorded, so it stays as the neighbourhood's history.

# Engagement (issue 13), reach: the reach view.
audit-action-engagement-reach-viewed = Read a campaign's reach (equality groups)
reach-error-title = Reach
reach-title = Reach: { $campaign }
reach-back = Back to the campaign
reach-no-population = No population figures imported: respondents are counted, but cannot be compared with the people who live here. An administrator can import the Census 2021 tables (see the README).
reach-no-population-short = No population figures imported
reach-explained-summary = How reach is worked out
reach-explained-rate = Each group's participation rate is its respondents per 1,000 of its residents at Census 2021 (age, sex, ethnic group and Welsh speaking, as imported for the campaign's wards).
reach-explained-under = A group is under-represented when its rate is under { $percent }% of the rate of everyone who answered the question: compared with everyone who answered, it is below 0.80.
reach-explained-score = The representativeness score of a question is the lowest group's participation rate divided by the highest group's: 1 means every group took part at the same rate, near 0 means one group was barely heard. The campaign's score is its lowest question score, so campaigns of any size can be compared.
reach-explained-counted = Respondents who skipped a question, preferred not to say or are under 15 are counted but not compared. Responses flagged as possible duplicates are left out. Nothing here is shown for any one person.
reach-explained-small = Counts under { $threshold } are shown as “fewer than { $threshold }”, and other counts are hidden where they would give a small one away. A rate would give its count away, so it is not shown for a hidden count; a score whose lowest group is hidden is shown as “at most” a value.
reach-summary = Summary
reach-respondents = Respondents: { $count }.
reach-overall-score = Representativeness score: { $score }
reach-none-under = No group is under-represented.
reach-under-intro = Under-represented groups (consider a channel that reaches them):
reach-source-wards = Compared with the Census 2021 figures of the campaign's wards.
reach-source-local-authority = Only local-authority figures are imported: compared with the whole local authority, not the campaign's wards.
reach-not-compared = not compared
reach-topic-score = Representativeness score: { $score }
reach-topic-caption = { $topic }: respondents compared with residents
reach-group = Group
reach-respondents-column = Respondents
reach-residents-column = Residents (Census 2021)
reach-rate-column = Respondents per 1,000 residents
reach-representation-column = Compared with everyone who answered
reach-under-column = Under-represented
reach-yes = Yes
reach-not-answered = Not answered
reach-all-respondents = All respondents
reach-neighbourhoods = Neighbourhoods
reach-neighbourhoods-caption = Respondents per neighbourhood compared with its residents
reach-neighbourhood = Neighbourhood
reach-no-neighbourhood = Neighbourhood not given
reach-score-column = Representativeness score
reach-campaigns = The partnership's campaigns compared
reach-campaigns-caption = Campaigns by representativeness score, best first
reach-campaign = Campaign
reach-starts = Starts
reach-fewer-than = fewer than { $threshold }
reach-score-below = at most { $score }
reach-score-not-shown = not shown (too few respondents)
reach-score-none = no score
reach-welsh-speaks = Speaks Welsh
reach-welsh-does-not-speak = Does not speak Welsh

# Engagement: published results for partners.
nav-published-results = Published engagement results
published-title = Published engagement results
published-intro = Campaigns whose results the partnership has published. Small numbers are never shown: a count under the partnership's threshold reads "fewer than" it.
published-none = No campaign of this partnership has published its results yet.
published-on = (published { $day })

# A survey's place question: the map of the campaign's wards, once JavaScript runs (issue 13).
survey-map-hint = Or click or tap the map where you mean: the ward is chosen in the list above. Only the ward is kept, never the place on the map.
survey-map-label = Map of the wards this survey asks about
survey-map-located = Ward chosen: { $ward }.
survey-map-outside = That place is not in a ward this survey asks about. Choose a ward from the list.
survey-map-location-failed = Your location could not be found. Choose the ward from the list.
survey-map-failed = The map could not load. Choose the ward from the list.
## Issue 14: a neighbourhood's public page
nbhd-lead = What is happening in this neighbourhood, from { $csp }: its priorities, where you can have your say, and how many reports residents made.
nbhd-wards = Wards:
nbhd-map-title = Map of { $name }
nbhd-map-description = The outline of the neighbourhood and its wards, north at the top.
nbhd-map-caption = Where { $name } is
nbhd-contact-heading = Who to contact
nbhd-contact-default = { $csp } works with the police, the council and local services in this neighbourhood. To tell them about a problem, report it on this site; to ask about anything else, contact the partnership through its page.
nbhd-contact-partnership = About { $csp }
nbhd-emergency = In an emergency, call 999. To report a crime that is not an emergency, call 101.
nbhd-priorities-heading = Neighbourhood priorities
nbhd-priorities-intro = What the partnership is working on here in { $period }, chosen with residents, and the community's latest verdict on each.
nbhd-priorities-none = No priorities are set for this neighbourhood this quarter.
nbhd-priority-status = Progress:
nbhd-priority-not-reviewed = not reviewed yet
nbhd-priority-reviewed = reviewed on { $date }
nbhd-campaigns-heading = Have your say
nbhd-campaigns-none = No survey is open in this neighbourhood just now.
nbhd-campaign-closes = closes on { $date }
nbhd-counts-heading = Reports in the last 12 months
nbhd-counts-intro = How many reports residents made about this neighbourhood each month, by kind of concern. Nothing here says who reported or where.
nbhd-counts-small = To protect residents, a count under { $threshold } is shown as “fewer than { $threshold }”, and so are a few larger counts that would otherwise let a small one be worked out from the totals.
nbhd-counts-sensitive = Hate incidents, domestic abuse and sexual violence are never counted on their own: they are included in “Other concerns” and in the totals.
nbhd-counts-caption = Reports by kind of concern and month, { $from } to { $to }
nbhd-counts-concern = Kind of concern
nbhd-counts-total = All 12 months
nbhd-counts-all = All reports
nbhd-row-asb = Anti-social behaviour
nbhd-row-drugs = Drugs
nbhd-row-hate = Hate incidents
nbhd-row-abuse = Abuse
nbhd-row-environmental = Environmental problems
nbhd-row-vehicle = Vehicle nuisance
nbhd-row-tension = Community tension
nbhd-row-other = Other concerns
nbhd-track-link = See what is happening in your area: { $name }
nbhd-place-link = What is happening in { $name }
nbhd-follow-heading = Follow this neighbourhood
nbhd-follow-email = Get news of { $name } by email
nbhd-follow-feed = The Atom feed of { $name }, for a feed reader
partnership-neighbourhood-pages = Each neighbourhood has its own page: its priorities, open surveys and reports over the last year.
settings-contact-heading = Public contact on neighbourhood pages
settings-contact-intro = Who residents should contact, shown on each of the partnership's neighbourhood pages. Leave a language empty to show the hub's default words in it.
settings-contact-en = Contact in English
settings-contact-cy = Contact in Welsh
settings-contact-hint = Up to { $max } characters: a team's name, a telephone number, an email address or opening hours. No one's personal details.
settings-contact-save = Save the contact
settings-contact-saved = The public contact is saved.
settings-contact-too-long = The contact is too long: each language may have up to 1000 characters.
## Subscriptions (issue 14): following a neighbourhood or a partnership by email, and its feeds.
subscribe-title = Get news of { $area } by email
subscribe-link = Get news of this partnership by email
subscribe-intro = We will email you when a consultation opens in the area you choose and when the neighbourhood's priorities are set or reviewed. You need no account. We send nothing until you confirm through the link we email you, and every email has a link to stop at once.
subscribe-email = Your email address
subscribe-area = What to follow
subscribe-area-whole = The whole partnership
subscribe-area-neighbourhood = { $neighbourhood }, { $csp }
subscribe-area-csp = { $csp } (the whole partnership)
subscribe-language = Language of the emails
subscribe-frequency = How often
subscribe-frequency-immediate = Each message as it happens
subscribe-frequency-weekly = A weekly digest
subscribe-submit = Subscribe
subscribe-sent = Check your email. If the address can be used, we have sent a message to it: open the link in it to confirm. Nothing else is sent until you do.
subscribe-area-removed = The neighbourhood in this link no longer exists: the partnership has redrawn its neighbourhoods. Choose another one below, or follow the whole partnership.
subscribe-error-summary = There is a problem
subscribe-error-email = Enter an email address such as name@example.com.
subscribe-error-area = Choose a neighbourhood from the list, or the whole partnership.
subscribe-error-language = Choose English or Welsh for the emails.
subscribe-error-frequency = Choose each message as it happens or a weekly digest.
subscribe-error-rate-limited = Too many subscription requests have come from your connection. Please try again in an hour.
subscribe-feeds = Or follow in a feed reader: the Atom feed of { $area }.
subscribe-confirm-title = Confirm your subscription
subscribe-confirm-intro = Confirm that you want news of { $area } by email ({ $frequency }).
subscribe-confirm-button = Confirm my subscription
subscribe-confirmed = You are subscribed to news of { $area }.
subscribe-confirm-ended = This subscription was stopped. To follow { $area } again, subscribe again.
subscribe-removed = The neighbourhood this subscription followed no longer exists: the partnership has redrawn its neighbourhoods, so you will get no more news of it. You can follow another neighbourhood or the whole partnership from the partnership's page.
subscribe-manage-title = Your subscriptions
subscribe-manage-intro = These are the subscriptions of { $email }. This page's address is private: anyone with it can change them.
subscribe-manage-status-pending = Not confirmed yet
subscribe-manage-status-confirmed = Subscribed
subscribe-manage-status-unsubscribed = Stopped
subscribe-manage-save = Save changes
subscribe-manage-stop = Unsubscribe
subscribe-manage-changed = Your changes are saved.
subscribe-manage-stopped = You are unsubscribed. We will send you no more news of it.
subscribe-manage-follow-more = Follow another area
subscribe-unsubscribe-title = Unsubscribe
subscribe-unsubscribe-intro = Stop getting news of { $area } by email?
subscribe-unsubscribe-button = Unsubscribe
subscribe-unsubscribed = You are unsubscribed from news of { $area }. We will send you no more.
subscribe-unsubscribe-manage = Manage your other subscriptions
subscribe-confirm-email-subject = Confirm your subscription: { $area }
subscribe-confirm-email-body = Someone, probably you, asked to get news of { $area } by email.
    
    To confirm, open this link and press the button:
    { $confirm }
    
    If you did not ask for this, ignore this email: we will send nothing more.
    
    Unsubscribe: { $unsubscribe }
subscribe-already-email-subject = You already get news of { $area }
subscribe-already-email-body = Someone, probably you, asked to get news of { $area } by email. This address is already subscribed, so nothing has changed.
    
    To change how often or in which language we email you, or to stop:
    { $manage }
    
    Unsubscribe now: { $unsubscribe }
subscribe-news-email-subject = { $line }
subscribe-news-email-body = { $line }
    { $page }
    
    You get this because you follow { $area }.
    Change how often or in which language we email you: { $manage }
    Unsubscribe: { $unsubscribe }
subscribe-digest-email-subject = This week in { $area }: { $count ->
        [one] 1 update
       *[other] { $count } updates
    }
subscribe-digest-email-body = This week in { $area }:
    
    { $items }
    
    You get this weekly digest because you follow { $area }.
    Change how often or in which language we email you: { $manage }
    Unsubscribe: { $unsubscribe }
news-campaign-opened = Have your say: { $title }
news-priority-set = New neighbourhood priority: { $title }
news-priority-reviewed = Priority reviewed: { $title } ({ $verdict })
feed-title = News of { $area }
feed-subtitle = Consultations opening and neighbourhood priorities set and reviewed.
# Progress in public (issue 14, part 2)
progress-stage-planned = Planned
progress-stage-under-way = Under way
progress-stage-done = Done
progress-event-set = Priority set
progress-event-action-started = Work began on an action
progress-event-action-done = An action was completed
progress-event-reviewed = Reviewed with the community: { $verdict }
progress-event-closed = The problem was closed
progress-email-subject = { $title }: now { $stage }
progress-email-body = You asked to hear when something changes about a neighbourhood priority in { $neighbourhood }: { $title }.
    
    It is now: { $stage }.
    
    See what is happening and what was done: { $page }
    
    You get this because you asked to hear back when you answered a survey, or agreed to be contacted about your report. We write only when the priority moves.
nbhd-priority-stage = Stage:
nbhd-priority-timeline = What has happened
nbhd-timeline-stage = stage: { $stage }
optin-heading = Hearing back (optional)
optin-intro = Both choices are optional and change nothing about how your answers are counted.
optin-tell = Email me when something changes about what I said
optin-tell-hint = We write only when a priority that came from answers like yours moves (planned, under way, done), in this page's language. Your address is kept apart from your answers and never shown with them.
optin-email = Your email address
optin-quote = You may quote my words publicly without my name
optin-quote-hint = Anything that could identify you is taken out first.
optin-error-email = Give an email address we can write to, or untick “Email me when something changes”.
optin-error-not-ticked = Tick “Email me when something changes” to be emailed, or leave the address empty.
priority-choice = Came from a survey answer (optional)
priority-choice-none = Not from a survey answer
priority-choice-hint = Residents who chose this answer and asked to hear back are emailed when the priority moves, as are residents whose reports are linked to its problem profiles and who agreed to be contacted.
priority-error-choice = That survey answer is not one of this partnership's surveys.
priority-from-choice = From the survey answer: { $choice }
priority-stage = Public stage: { $stage }
audit-action-progress-told = Residents told a priority moved

## "You said, we did" publications (issue 14)
news-published = You said, we did: { $title }
audit-action-publication-drafted = "You said, we did" drafted
audit-action-publication-edited = "You said, we did" changed
audit-action-publication-published = "You said, we did" published
publication-row-other = Other concerns
publication-draft-title = You said, we did: { $area }
publication-draft-intro = What residents of { $area } told us between { $from } and { $to }, and what we and our partners did about it.
publication-said-survey = In our consultation “{ $title }”, { $responses } people answered.
publication-said-answer = “{ $question }”: most chose “{ $answer }” ({ $count }).
publication-said-priority = You set a priority for { $neighbourhood }: { $title }.
publication-said-reports = You made { $total } reports to us in this time, including:
publication-said-reports-sensitive = Reports of hate incidents, domestic abuse and sexual violence are counted only in the total, and counts under 10 are not shown.
publication-did-priority = Priority “{ $title }” in { $neighbourhood }: reviewed with residents on { $date }: { $verdict }.
publication-field-title = the title
publication-field-intro = the introduction
publication-field-correction = the correction note
publication-field-item = item { $number }
publication-problem-no-items = Add at least one item.
publication-problem-no-welsh = Write the Welsh of { $field }.
publication-problem-no-english = Write the English of { $field }.
publication-problem-identifies = { $field } names or gives the contact details of a resident whose report it draws on, or holds something shaped like an email address or a phone number: take it out.
publication-told-subject = You said, we did: { $title }
publication-told-body = Hello,

    You reported a concern that helped us and our partners act in { $area }. We have published what residents told us and what was done:

    { $title }
    { $page }

    Thank you for telling us. This is a one-off message: you will not be emailed about it again.
publication-list-title = You said, we did
publication-list-intro = Publications that tell residents what they said and what was done. The hub drafts one from the data for an area and a period; you edit it, preview it and publish it in English and Welsh.
publication-list-heading = Publications
publication-list-none = There are no publications yet.
publication-new = Draft a new publication
publication-new-hint = Choose the area and the period: the hub drafts what residents said and what was done from the surveys, priorities, reports and closed problem profiles of that time.
publication-area = Area
publication-area-all = The whole partnership
publication-from = From
publication-to = To
publication-draft = Draft it
publication-col-title = Title
publication-col-period = Period
publication-col-status = Status
publication-period = { $from } to { $to }
publication-status-draft = Draft, not published
publication-status-published = Published on { $date }
publication-status-corrected = Corrected on { $date }
publication-status-correction-draft = a correction is being drafted
publication-status-live = Published
publication-title = A "you said, we did" publication
publication-version = Version { $number }
publication-public-page = Open the public page
publication-preview = Preview it as the public will see it
publication-preview-note = This is a preview: the public sees this once it is published.
publication-back = Back to the publication
publication-publish = Publish
publication-publish-hint = Publishing puts it on the public page, the neighbourhood and partnership pages and their feeds, emails the area's subscribers, and tells once each resident whose report a closed problem profile it draws on is linked to (only those who agreed to be contacted by email and left no safe-contact note) and each respondent of a survey it draws on who asked to be told. A published version never changes.
publication-publish-correction-hint = Publishing the correction replaces the public page's words and says it was corrected, with the note. Subscribers and residents already told are not emailed again.
publication-reach = Reach
publication-reach-subscribers = Subscribers told
publication-reach-reporters = Residents whose reports it drew on, told
publication-reach-respondents = Survey respondents who asked to be told, told
publication-reach-views = Page views
publication-reach-recent = Page views in the last { $days } days
publication-reach-hint = Page views are counted without cookies or tracking: one count per view of the public page.
publication-checks = Before it can be published
publication-checks-none = Nothing stops it being published.
publication-you-said = You said
publication-we-did = We did
publication-edit = Edit the draft
publication-title-en = Title in English
publication-title-cy = Title in Welsh
publication-intro-en = Introduction in English
publication-intro-cy = Introduction in Welsh
publication-correction-en = What was corrected, in English
publication-correction-cy = What was corrected, in Welsh
publication-item = Item { $number }
publication-item-add = Add an item (leave empty to add none)
publication-item-kind = Which side
publication-item-en = In English
publication-item-cy = In Welsh
publication-item-action = Keep or remove
publication-item-keep = Keep it
publication-item-remove = Remove it
publication-save = Save the draft
publication-correct = Correct it
publication-correct-hint = The published version stays as it is. A correction starts a new draft from it with a note saying what was corrected; once published, the public page shows it and says it was corrected.
publication-correct-button = Start a correction
publication-versions = Versions
publication-nothing = Nothing for this period.
publication-about = { $area }, { $period }
publication-published-on = published on { $date }
publication-corrected-on = Corrected on { $date }: { $note }
publication-more = More about { $area }
publication-public-list = You said, we did
publication-public-none = Nothing has been published yet.
publication-done-drafted = Drafted from the data. Check every item, fill in what is missing, then preview and publish.
publication-done-saved = The draft is saved.
publication-done-published = Published. Subscribers and residents are being told.
publication-done-correcting = A correction has been started: edit it, then publish it.
publication-error-area = Choose one of the partnership's neighbourhoods, or the whole partnership.
publication-error-period = Give the period as two dates, the first not after the second, not in the future and at most two years apart.
publication-error-title = Give a title in English or Welsh.
publication-error-too-long = A text is too long: titles up to 200 characters, other texts up to 4,000.
publication-error-item = An item could not be read: choose which side it is on, and keep its source as it was.
publication-error-too-many = A publication holds at most 60 items.
publication-error-correction = Say what was corrected, in English and in Welsh.
publication-error-stale = Someone changed this publication meanwhile: here it is as it is now.
publication-error-incomplete = Not published: every field needs its Welsh and its English. The list below says which.
publication-error-no-items = Not published: add at least one item.
publication-error-identifies = Not published: a text names a resident whose report it draws on, or gives contact details. The list below says which.
publication-error-quote = Not added: only the words of your partnership's survey respondents who agreed, when they answered, to be quoted can be published as a quote.
publication-done-quoted = The quote is added to the draft. Check it names no one before publishing.
publication-quote = One respondent said: “{ $words }”
publication-quotable = Residents' words you may quote
publication-quotable-hint = Free-text answers to the surveys of this area and period whose respondents agreed, when they answered, to be quoted without their name. A quote is checked like every other text before it is published.
publication-quotable-none = No respondent of this area and period's surveys agreed to be quoted.
publication-quote-add = Add as a quote
stop-news-title = Stop being told
stop-news-intro = Stop getting emails about the progress of priorities you raised and the publications that draw on what you said? Emails you asked for about your own report are not affected.
stop-news-button = Stop these emails
stop-news-stopped = Done: you will not be told again.
stop-news-used = This link has already been used: you will not be told again.
stop-news-unknown = This link is not known. It may have been copied wrongly: try the link in the email again.
stop-news-email-footer = To stop getting these emails, open this link and press the button (one click): { $link }
publication-withdraw = Withdraw it
publication-withdraw-hint = For when something identifying slipped through. It leaves the public pages, lists and feeds, and the text of every version is removed for good: the public page will say only that it was withdrawn, when, and the reason you give here.
publication-withdraw-reason-en = Why it was withdrawn, in English (shown publicly)
publication-withdraw-reason-cy = Why it was withdrawn, in Welsh (shown publicly)
publication-withdraw-button = Withdraw for good
publication-withdrawn-title = Withdrawn publication
publication-withdrawn-on = This publication was withdrawn on { $date }. { $reason }
publication-done-withdrawn = Withdrawn: its texts are removed and it is no longer on the public pages or feeds.
publication-error-withdraw-reason = Not withdrawn: say why, in English and in Welsh, without naming anyone or giving contact details.
publication-error-withdrawn = This publication is withdrawn already.
audit-action-news-stopped = Progress and publication news stopped by a resident
audit-action-survey-contacts-expired = Survey contacts deleted after twelve months
audit-action-publication-withdrawn = "You said, we did" withdrawn

## Tension assessments, de-escalation actions and levels (issue 15, part 1)
nav-tension = Community tension
tension-title = Community tension
tension-intro = The tension level of each neighbourhood of the partnership, when it was last assessed, when its review is due and its open de-escalation actions.
tension-table-caption = Neighbourhoods by current tension level
tension-neighbourhood = Neighbourhood
tension-level = Tension level
tension-last-assessed = Last assessed
tension-review-due = Review due
tension-open-actions = Open de-escalation actions
tension-not-assessed = Not assessed yet
tension-overdue = Overdue
tension-actions-overdue = { $count } overdue
tension-levels-heading = What the levels mean
tension-levels-change = Change the level names, meanings and police mapping
tension-force-is = (police scale: { $force })
tension-level-0 = Normal
tension-level-1 = Low
tension-level-2 = Medium
tension-level-3 = High
tension-level-4 = Critical
tension-meaning-0 = No tension above what is usual for the area.
tension-meaning-1 = Some tension indicators, contained; monitor through usual engagement.
tension-meaning-2 = Tension is rising or spreading; partners take targeted action and review often.
tension-meaning-3 = Significant tension with a real risk of disorder; a named owner and a review within a week.
tension-meaning-4 = Disorder has happened or is imminent; a full multi-agency response.
tension-neighbourhood-title = Community tension in { $neighbourhood }
tension-current = Current assessment
tension-narrative = Narrative
tension-owner = Owner
tension-recorded = Recorded
tension-recorded-by = Version { $version }, by { $who }, { $when }
tension-never-assessed = This neighbourhood has not been assessed yet.
tension-assess = Record an assessment
tension-history = History of assessments
tension-indicators = Indicators
tension-no-indicators = No indicators recorded.
tension-indicator-n = Indicator { $n }
tension-indicator-kind = Indicator
tension-indicator-tag = Evidenced, experienced or potential
tension-indicator-note = Note
tension-indicator-source = Source
tension-indicator-grade = Grade (3x5x2)
tension-indicator-media = Carried by media or social media
tension-indicator-items = Linked intelligence items
tension-positive = Positive
tension-yes = Yes
tension-no = No
tension-kind-hate-incidents = Hate incidents
tension-kind-graffiti-leaflets = Graffiti or leaflets
tension-kind-rumour-social-media = Rumour and social media
tension-kind-protest-planned = Protest or march planned
tension-kind-critical-incident = Critical incident
tension-kind-trigger-event = National or international trigger event
tension-kind-group-disputes = Disputes between groups
tension-kind-group-asb = Anti-social behaviour by or against groups
tension-kind-new-arrivals = New arrivals or dispersal
tension-kind-misinformation = Misinformation
tension-kind-symbolic-disputes = Symbolic disputes (flags, sites, planning)
tension-kind-cohesion-work = Cohesion work
tension-kind-leaders-calming = Community leaders calming things
tension-kind-other-positive = Other positive indicator
tension-kinds-tension = Tension indicators
tension-kinds-positive = Positive indicators
tension-tag-evidenced = Evidenced
tension-tag-experienced = Experienced
tension-tag-potential = Potential
tension-choose = Choose…
tension-assess-title = Assess community tension in { $neighbourhood }
tension-level-hint = A change of level needs a narrative. Level 3 or 4 needs an owner and a review within 7 days.
tension-narrative-hint = What is happening and why the level is what it is. Do not name or give contact details of anyone.
tension-owner-hint = Who leads the response (needed at level 3 or 4).
tension-review-on = Next review
tension-review-hint = The day of the next review (within 7 days at level 3 or 4).
tension-indicators-hint = One indicator per group of fields; leave a group empty to skip it. To remove an indicator, clear its indicator, note and source.
tension-sanitised-hint = Sanitised: no names, addresses, email addresses or phone numbers of anyone.
tension-source-hint = Where it came from, for example "KIN" or "police briefing".
tension-items-hint = References of the partnership's intelligence items, separated by commas (for example CYM-… or INT-000012).
tension-save = Save the assessment
tension-actions = De-escalation actions
tension-no-actions = No de-escalation actions yet.
tension-action-title = Action
tension-action-kind = Kind of action
tension-action-due = Due
tension-action-status = Status
tension-action-outcome = Outcome
tension-action-add = Add a de-escalation action
tension-action-update = Update "{ $title }"
tension-action-save = Save the action
deescalation-kind-reassurance-patrols = Reassurance patrols
deescalation-kind-graffiti-removal = Graffiti removal
deescalation-kind-youth-diversion = Youth diversion
deescalation-kind-leaders-meeting = Meeting with community leaders
deescalation-kind-myth-busting = Myth-busting messages
deescalation-kind-other = Other
tension-levels-title = Tension levels
tension-levels-intro = The partnership's names for the five tension levels, what each means and, if you use one, the police force's own word for it. Both languages are needed.
tension-level-n = Level { $n }
tension-level-name-en = Name in English
tension-level-name-cy = Name in Welsh
tension-level-meaning-en = Meaning in English
tension-level-meaning-cy = Meaning in Welsh
tension-level-force-en = Police force scale in English (optional)
tension-level-force-cy = Police force scale in Welsh (optional)
tension-levels-save = Save the levels
tension-done-saved = The assessment is saved.
tension-done-action-added = The de-escalation action is added.
tension-done-action-saved = The de-escalation action is saved.
tension-done-levels-saved = The tension levels are saved.
tension-error-stale = Someone else changed this after you opened it. Nothing was saved: check what is saved now and make your change again.
tension-error-level = Choose a tension level from 0 to 4.
tension-error-narrative-required = The level changed from the neighbourhood's current level: write a narrative saying why.
tension-error-too-long = Something you typed is too long: shorten it and save again.
tension-error-review = Give the next review as a date from today, within a year.
tension-error-owner-required = At level 3 or 4 name the owner who leads the response.
tension-error-review-too-far = At level 3 or 4 the next review must be within 7 days.
tension-error-too-many-indicators = Too many indicators in one assessment: keep the 30 that matter most.
tension-error-kind = Choose what each indicator is about.
tension-error-tag = Say whether each indicator is evidenced, experienced or potential.
tension-error-note-required = Write a short note for each indicator.
tension-error-source-required = Give the source of each indicator.
tension-error-media = Say whether media or social media carry each indicator.
tension-error-item = A linked intelligence item is not one of this partnership's: check the references.
tension-error-identifies = A note, the narrative or the outcome names or gives contact details of someone (a reporter of a linked item, an email address or a phone number). Take them out and save again.
tension-error-action-title = Give the action a title.
tension-error-action-kind = Choose the kind of action.
tension-error-action-status = Choose the action's status.
tension-error-action-due = Give the due date as a date.
tension-error-action-unknown = That action is not one of this neighbourhood's.
tension-error-level-name = Give every level a name in English and in Welsh.
audit-action-tension-viewed = Community tension read
audit-action-tension-assessed = Tension assessment saved
audit-action-tension-action-changed = De-escalation action added or changed
audit-action-tension-levels-changed = Tension levels changed
## Tension monitoring (issue 15): trigger events, community impact assessments, the rota, alerts.
nav-tension-events = Tension events
tension-events-title = Trigger events and community impact
tension-events-intro = Known events that could raise community tension, with their community impact assessments. Events of neighbouring partnerships that affect your neighbourhoods are shown too, read only.
tension-events-record = Record an event
tension-events-upcoming = Upcoming events
tension-events-past = Past events
tension-events-none = No events.
tension-events-back = Back to the events
tension-event-days = { $from } to { $to }
tension-event-when = When
tension-event-title = Title
tension-event-kind = Kind of event
tension-event-kind-march = March or protest
tension-event-kind-anniversary = Anniversary
tension-event-kind-planning = Contentious planning decision
tension-event-kind-court = Court case
tension-event-kind-football = Football fixture
tension-event-kind-national = National event
tension-event-kind-other = Other
tension-event-status = Status
tension-event-status-planned = Planned
tension-event-status-passed = Passed
tension-event-status-cancelled = Cancelled
tension-event-risk-level = Risk level
tension-event-risk-low = Low
tension-event-risk-medium = Medium
tension-event-risk-high = High
tension-event-risk-hint = Saving the assessment at risk level high emails the partnership's tension rota.
tension-event-owning-csp = Partnership
tension-event-read-only = (theirs: read only)
tension-event-read-only-owned = This event belongs to { $csp }: you can read it but not change it.
tension-event-ctlp = Relevant to the Counter-Terrorism Local Profile (only people who may see that profile will see the detail)
tension-event-ctlp-flag = Counter-Terrorism Local Profile
tension-event-restricted = Restricted event
tension-event-restricted-explained = An event restricted to people who may see the Counter-Terrorism Local Profile takes place on these days. Ask the partnership for more if you need it.
tension-event-place = Place
tension-event-place-hint = Describe the place only: no names, addresses of people, email addresses or phone numbers.
tension-event-csps = Partnerships affected
tension-event-neighbourhoods = Neighbourhoods affected
tension-event-neighbourhoods-hint = Choose from your partnership's neighbourhoods and those of neighbouring partnerships.
tension-event-risks = Risks
tension-event-mitigations = Mitigations
tension-event-owner = Owner
tension-event-next-review = Next review
tension-event-no-review = None
tension-event-starts = First day
tension-event-ends = Last day
tension-event-edit = Edit the event
tension-event-save = Save the event
tension-event-new-title = Record a trigger event
tension-event-edit-title = Edit a trigger event
tension-event-done-recorded = The event is recorded.
tension-event-done-saved = The event is saved.
tension-event-error-stale = Someone else saved this event after you opened it. Nothing was overwritten: what you typed is below.
tension-event-error-kind = Choose the kind of event.
tension-event-error-title = Give the event a title.
tension-event-error-too-long = A field is too long: titles and owners up to 200 characters, other texts up to 4,000.
tension-event-error-dates = Give the first and last day as dates, the last not before the first, at most a year apart.
tension-event-error-identifies = The title, place, risks or mitigations contain an email address or a phone number. Take out anything that identifies a person.
tension-event-error-neighbourhoods = Choose at least one neighbourhood from the list.
tension-event-error-owner = Name the owner of the assessment.
tension-event-error-review = Give the next review as a date: a planned event needs one.
tension-event-error-choice = Choose a status and a risk level from the lists.
tension-rota-title = Tension rota
tension-rota-intro = The people emailed when a tension alert is raised, each in the language of their account. The email says only that an alert needs attention, with a link into the hub.
tension-rota-members = On the rota
tension-rota-empty = Nobody is on the rota yet.
tension-rota-name = Name
tension-rota-email = Email
tension-rota-language = Language
tension-rota-remove = Remove
tension-rota-remove-who = Remove { $name } from the rota
tension-rota-add = Add to the rota
tension-rota-person = Member of staff
tension-rota-no-candidates = Everyone on the partnership's staff is on the rota.
tension-rota-done-added = Added to the rota.
tension-rota-done-removed = Removed from the rota.
tension-rota-error-person = Choose a member of the partnership's staff.
tension-alert-subject = Tension alert: { $csp }
tension-alert-body =
    A tension alert needs your attention in { $csp }.

    Sign in to the hub to see it: { $link }

    This email holds no detail on purpose.
audit-action-tension-event-changed = Tension event recorded or edited
audit-action-tension-rota-changed = Tension rota changed
audit-action-tension-alert-queued = Tension alert emailed to the rota
## Tension signals
# $observed: the count; $family: what was counted (e.g. "hate incidents"); $place: the level tested
# (e.g. "in Cardiff", "in Cathays and its neighbouring wards"); $usual: the usual count; $one_in: 20, 100, 1,000 or 10,000.
tension-signal-week = { $observed } { $family } { $place } this week against about { $usual } in a usual week; the chance of { $observed } or more in a usual week is under 1 in { $one_in }.
tension-signal-rolling = { $observed } { $family } { $place } in the last 4 weeks against about { $usual } in a usual 4 weeks; the chance of { $observed } or more in a usual 4 weeks is under 1 in { $one_in }.
tension-signal-week-no-chance = { $observed } { $family } { $place } this week against about { $usual } in a usual week.
tension-signal-rolling-no-chance = { $observed } { $family } { $place } in the last 4 weeks against about { $usual } in a usual 4 weeks.
tension-signal-short-history = (Short history: compared with the last few months.)
tension-signal-willingness = Reports also reflect how willing people are to report, not only what happened.
## Regions and regional roles (issue 15 part 6).
role-cohesion-coordinator = Cohesion coordinator
staff-region-grant = { $region } (region): { $csps }
staff-regional-note = A role held for a region covers every partnership the region holds, including any added to it later.
audit-action-region-changed = Region changed

## The tension API and the cohesion coordinator's cross-border view (issue 15, parts 6 and 7).
tension-counted-intelligence = tension-tagged intelligence items
tension-counted-reports = { $family } reports
tension-place-partnership = across the partnership
tension-place-cluster = in and around { $neighbourhood }
tension-region-title = Tension across the region
tension-region-nav = Tension across your region
tension-region-intro = Every partnership of your region: each neighbourhood's current tension level, its last signal from the data, and its latest assessment's narrative and sanitised indicator notes. Reports, reporters and intelligence items are not shown here.
tension-region-heading = { $region } (region)
tension-region-csp-caption = Neighbourhoods of { $csp }
tension-region-last-signal = Last signal
tension-region-no-signal = No signal
tension-region-assessment = Latest assessment
tension-region-border = Across the border
tension-region-border-intro = Neighbourhoods that border each other across a partnership's boundary, side by side with their levels. A neighbourhood outside your region shows its level only.
tension-region-border-caption = Bordering neighbourhoods in different partnerships
tension-region-side = Neighbourhood
tension-region-other-side = Across the border
tension-region-no-borders = No neighbourhood of the region borders another partnership's.
tension-region-outside = outside your region
tension-region-none = You do not hold a role for a region.
## The tension picture: map, timeline and weekly summary (issue 15, part 4).
tension-picture-counted-intelligence = tension-tagged intelligence items
tension-picture-counted-reports = { $family } reports
tension-picture-place-partnership = in { $place }
tension-picture-place-cluster = in { $place } and the neighbourhoods bordering it
tension-picture-signal-week = Week beginning { $week }: { $words }
tension-picture-latest-signal = Latest signal
tension-map-title = Tension map of { $csp }
tension-map-description = { $count } neighbourhoods, { $assessed } of them assessed, each shaded and hatched by its current tension level and labelled with the level's number. The table below gives the same information.
tension-map-caption = Map of current tension levels
tension-map-legend = Key to the map
tension-map-hint = Each level has its own hatching as well as its colour, and each neighbourhood shows its level's number ("–": not assessed yet). The table below says the same in words.
tension-timeline = Timeline
tension-timeline-hint = Level changes, signals from the data and trigger events affecting this neighbourhood, newest first.
tension-timeline-empty = Nothing has happened here yet: no assessments, signals or events.
tension-timeline-level = Level set:
tension-timeline-signal = Signal, week beginning { $week }:
tension-timeline-event-upcoming = Upcoming event:
tension-timeline-event-past = Event:
tension-summary-short = Weekly community tension summary
tension-summary-title = { $csp } weekly community tension summary, week beginning { $week }
tension-summary-link = Weekly community tension summary
tension-summary-week = Any day of the week
tension-summary-week-error = "{ $typed }" is not a date: choose a day such as 2026-12-07. Showing this week instead.
tension-summary-open = Show the week
tension-summary-previous = Previous week
tension-summary-next = Next week
tension-summary-raised = Neighbourhoods at level 2 or above
tension-summary-raised-none = No neighbourhood is at level 2 or above.
tension-summary-signals = New signals this week
tension-summary-signals-none = No new signals this week.
tension-summary-events = Events in the next fortnight
tension-summary-overdue-reviews = Overdue reviews
tension-summary-overdue-actions = Overdue de-escalation actions
tension-summary-none-overdue = None overdue.
tension-summary-review-was-due = review was due on { $date }
tension-summary-action-was-due = was due on { $date } (owner: { $owner })
tension-summary-printed = Printed from the community safety hub. Handle as OFFICIAL-SENSITIVE: do not leave it where others can read it.
tension-agenda-heading = Community tension
tension-agenda-raised = { $count ->
    [one] 1 neighbourhood at level 2 or above.
   *[other] { $count } neighbourhoods at level 2 or above.
}
tension-agenda-highest = Highest: { $level }.
tension-agenda-signals = { $count ->
    [one] 1 new signal this week.
   *[other] { $count } new signals this week.
}
tension-agenda-events = { $count ->
    [one] 1 event in the next fortnight.
   *[other] { $count } events in the next fortnight.
}
tension-agenda-overdue = Overdue: { $reviews } reviews, { $actions } de-escalation actions.
tension-agenda-link = Weekly community tension summary, week beginning { $week }
