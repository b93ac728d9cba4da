## Frame
skip-to-main = Neidio i'r prif gynnwys
site-tagline = Diogelwch cymunedol yng Nghymru
nav-label = Prif ddewislen
nav-home = Hafan
nav-partnerships = Partneriaethau
nav-staff-home = Hafan staff
nav-audit = Log archwilio
nav-team = Tîm
nav-sign-in = Mewngofnodi staff
nav-sign-out = Allgofnodi
footer-accessibility = Datganiad hygyrchedd
footer-api = API data agored
footer-attribution = Mae'r ffiniau'n cynnwys data'r AO © Hawlfraint y Goron a hawl cronfa ddata 2014 a data'r SYG © Hawlfraint y Goron 2014 (Trwydded Llywodraeth Agored v3.0), o UK-GeoJSON gan Martin Chorley (CC BY 4.0).
loading = Yn llwytho…

## Errors
not-found-title = Heb ddod o hyd i'r dudalen
not-found-body = Does dim tudalen yn y cyfeiriad hwn. Os gwnaethoch ei deipio, gwiriwch ei fod yn gywir.
not-found-home = Mynd i'r hafan
error-not-signed-in = Mae angen i chi fewngofnodi i weld y dudalen hon.
error-forbidden = Dydy'ch cyfrif ddim yn caniatáu hyn. Gofynnwch i reolwr eich partneriaeth os oes ei angen arnoch.
error-not-found = Doedd dim modd dod o hyd i hynny.
error-invalid = Doedd rhywfaint o'r wybodaeth a anfonwyd ddim yn ddilys. Gwiriwch hi a rhoi cynnig arall arni.
error-rate-limited = Gormod o ymdrechion. Arhoswch ychydig funudau a rhoi cynnig arall arni.
error-unavailable = Aeth rhywbeth o'i le ar ein hochr ni. Dydy dim a roesoch wedi'i golli; rhowch gynnig arall arni ymhen ychydig funudau.
refused-title = Gwrthodwyd y cais
refused-body = Anfonwyd y ffurflen hon o wefan arall, felly ni chafodd ei derbyn. Ewch yn ôl i'r dudalen ar y wefan hon a'i hanfon eto.
too-large-title = Mae'r hyn a anfonoch yn rhy fawr
too-large-body = Mae'r ffurflen neu'r ffeil a anfonoch yn fwy nag y mae'r gwasanaeth hwn yn ei dderbyn. Ewch yn ôl, gwnewch hi'n llai, a'i hanfon eto.
internal-title = Aeth rhywbeth o'i le
internal-body = Aeth rhywbeth o'i le ar ein hochr ni ac mae wedi'i gofnodi. Rhowch gynnig arall arni ymhen ychydig funudau.

## Home
home-title = Hafan
home-heading = Diogelwch cymunedol yn eich ardal chi
home-lead = Mae Cymuned yn cysylltu trigolion â'r Bartneriaeth Diogelwch Cymunedol ar gyfer eu hardal: y cyngor, yr heddlu, y gwasanaeth tân ac achub, iechyd a'r gwasanaeth prawf yn cydweithio.
home-find-heading = Dod o hyd i'ch partneriaeth
home-find-body = Mae gan Gymru 19 o Bartneriaethau Diogelwch Cymunedol. Gwelwch pa un sy'n gwasanaethu eich ardal chi a'i chymdogaethau.
home-find-link = Dod o hyd i'ch partneriaeth
home-emergency-heading = Mewn perygl nawr?
home-emergency-body = Os ydych chi neu rywun arall mewn perygl, neu os oes trosedd yn digwydd nawr, ffoniwch 999. Os nad yw'n argyfwng, ffoniwch yr heddlu ar 101.
home-staff-heading = Staff partneriaethau
home-staff-body = Mae swyddogion, dadansoddwyr, arweinwyr ymgysylltu ac asiantaethau partner yn mewngofnodi yma.

## Accessibility statement
a11y-title = Datganiad hygyrchedd
a11y-intro = Mae'r datganiad hwn yn berthnasol i Cymuned. Rydym am i gynifer o bobl â phosibl allu ei ddefnyddio, yn Gymraeg neu yn Saesneg.
a11y-how-heading = Beth allwch chi ei wneud
a11y-how-zoom = chwyddo hyd at 200% heb i destun ddiflannu oddi ar y sgrin
a11y-how-keyboard = defnyddio pob tudalen gyda bysellfwrdd yn unig, gyda ffocws gweladwy a dolen i neidio i'r prif gynnwys
a11y-how-no-js = defnyddio pob tudalen gyda JavaScript wedi'i ddiffodd
a11y-how-welsh = defnyddio pob tudalen yn Gymraeg neu yn Saesneg, a newid rhyngddynt heb golli'ch lle
a11y-status-heading = Pa mor hygyrch yw'r gwasanaeth hwn
a11y-status-body = Nod y gwasanaeth hwn yw bodloni Canllawiau Hygyrchedd Cynnwys y We (WCAG) fersiwn 2.2 ar lefel AA, fel y mae Rheoliadau Hygyrchedd Cyrff y Sector Cyhoeddus 2018 yn ei gwneud yn ofynnol.
a11y-testing-heading = Sut rydym yn profi
a11y-testing-body = Caiff pob tudalen ei gwirio'n awtomatig gydag axe-core yn erbyn WCAG 2.0, 2.1 a 2.2 lefelau A ac AA, yn Gymraeg ac yn Saesneg, bob tro y bydd y gwasanaeth yn newid.
a11y-contact-heading = Rhoi gwybod am broblemau
a11y-contact-body = Os dewch chi o hyd i broblem, rhowch wybod i'ch Partneriaeth Diogelwch Cymunedol. Os nad ydych yn fodlon ar yr ymateb, cysylltwch â'r Gwasanaeth Cynghori a Chymorth Cydraddoldeb (EASS).

## Partnerships
partnerships-title = Partneriaethau Diogelwch Cymunedol
partnerships-lead = Mae pob partneriaeth yn dod â'r cyngor, yr heddlu, y gwasanaeth tân ac achub, iechyd a'r gwasanaeth prawf at ei gilydd ar gyfer ei hardal.
partnerships-force-heading = Ardal { $force }
partnership-police-force = Heddlu
partnership-local-authorities = Awdurdodau lleol
partnership-wards = Wardiau etholiadol
partnership-neighbourhoods = Cymdogaethau
partnership-neighbourhoods-intro = Mae'r bartneriaeth yn gwrando ar drigolion ac yn cynllunio ei gwaith fesul cymdogaeth. Ward etholiadol yw cymdogaeth oni bai bod y bartneriaeth wedi grwpio wardiau gyda'i gilydd.
neighbourhood-count = { $count ->
    [zero] dim cymdogaethau
    [one] { $count } gymdogaeth
    [two] { $count } gymdogaeth
    [few] { $count } cymdogaeth
    [many] { $count } chymdogaeth
   *[other] { $count } o gymdogaethau
}
ward-count = { $count ->
    [zero] dim wardiau
    [one] { $count } ward
    [two] { $count } ward
    [few] { $count } ward
    [many] { $count } ward
   *[other] { $count } o wardiau
}

## Roles
role-officer = Swyddog diogelwch cymunedol
role-analyst = Dadansoddwr
role-engagement-lead = Arweinydd ymgysylltu
role-partner = Asiantaeth bartner
role-csp-manager = Rheolwr partneriaeth
role-admin = Gweinyddwr

## Sign in
sign-in-title = Mewngofnodi staff
sign-in-intro = Ar gyfer staff Partneriaethau Diogelwch Cymunedol a'u hasiantaethau partner. Does dim angen cyfrif ar drigolion.
sign-in-email = Cyfeiriad e-bost
sign-in-password = Cyfrinair
sign-in-submit = Mewngofnodi
sign-in-signed-out = Rydych wedi allgofnodi.
sign-in-error-invalid = Dydy'r cyfeiriad e-bost neu'r cyfrinair ddim yn gywir. Gwiriwch nhw a rhoi cynnig arall arni.
sign-in-error-missing = Rhowch eich cyfeiriad e-bost a'ch cyfrinair.
sign-in-error-rate-limited = Gormod o ymdrechion i fewngofnodi. Arhoswch 15 munud a rhoi cynnig arall arni.
demo-heading = Cyfrifon arddangos
demo-intro = Mae'r hyb hwn yn rhedeg yn y modd arddangos gyda chyfrifon enghreifftiol ar gyfer Partneriaeth Diogelwch Cymunedol Caerdydd. Peidiwch byth â defnyddio'r modd arddangos gyda data go iawn.
demo-password = Cyfrinair pob cyfrif arddangos:
demo-role = Rôl

## Staff home
staff-title = Hafan staff
staff-signed-in-as = Wedi mewngofnodi fel { $name }.
staff-roles-heading = Eich rolau
staff-role = Rôl
staff-partnership = Partneriaeth
staff-organisation = Sefydliad
staff-tools-heading = Beth allwch chi ei wneud
staff-language-note = Caiff yr iaith a ddewiswch gyda'r botwm ar frig y dudalen ei chadw yn eich proffil a'i defnyddio ar gyfer negeseuon atoch.

## Audit log
audit-title = Log archwilio
audit-intro = Pob mewngofnodi, ymgais aflwyddiannus i fewngofnodi, newid rôl a phob tro y gwelwyd data personol yn eich partneriaeth, y diweddaraf yn gyntaf. Does dim modd newid na dileu cofnodion.
audit-partnership = Partneriaeth
audit-show = Dangos
audit-count = { $count ->
    [zero] dim cofnodion
    [one] { $count } cofnod
    [two] { $count } gofnod
    [few] { $count } chofnod
    [many] { $count } chofnod
   *[other] { $count } o gofnodion
}
audit-caption = Cofnodion archwilio, tudalen { $page } o { $pages }
audit-when = Pryd
audit-who = Pwy
audit-what = Beth
audit-record = Cofnod
audit-from = O
audit-action-sign-in = Wedi mewngofnodi
audit-action-sign-out = Wedi allgofnodi
audit-action-sign-in-failed = Methodd y mewngofnodi
audit-action-sign-in-rate-limited = Gwrthodwyd mewngofnodi: gormod o ymdrechion
audit-action-role-granted = Rhoddwyd rôl
audit-action-role-revoked = Tynnwyd rôl
audit-action-account-created = Crëwyd cyfrif
audit-action-api-key-created = Crëwyd allwedd API
audit-action-audit-log-viewed = Gwelwyd y log archwilio
pagination-label = Tudalennau
pagination-previous = Tudalen flaenorol
pagination-next = Tudalen nesaf

## Team
team-title = Tîm
team-intro = Pwy sydd â pha rôl yn eich partneriaeth. Rhowch rôl i rywun sydd eisoes â chyfrif, neu tynnwch un i ffwrdd. Caiff pob newid ei gofnodi yn y log archwilio.
team-caption = { $count ->
    [zero] Neb â rôl
    [one] { $count } person â rôl
    [two] { $count } berson â rolau
    [few] { $count } pherson â rolau
    [many] { $count } pherson â rolau
   *[other] { $count } o bobl â rolau
}
team-name = Enw
team-roles = Rôl
team-remove = Tynnu
team-remove-label = Tynnu rôl { $role } oddi wrth { $name }
team-grant-heading = Rhoi rôl
team-grant-intro = Mae angen cyfrif ar y person yn gyntaf. Mae rolau asiantaeth bartner hefyd angen enw eu sefydliad.
team-grant-email = Cyfeiriad e-bost eu cyfrif
team-grant-organisation = Sefydliad partner (rôl asiantaeth bartner yn unig)
team-grant-organisation-kind = Math o sefydliad
team-grant-submit = Rhoi rôl
team-done-granted = Mae'r rôl wedi'i rhoi.
team-done-revoked = Mae'r rôl wedi'i thynnu.
team-error-no-account = Does dim cyfrif gyda'r cyfeiriad e-bost hwnnw. Gofynnwch i'ch gweinyddwr greu un.
team-error-needs-organisation = Mae rôl asiantaeth bartner angen enw'r sefydliad.
team-error-forbidden = Allwch chi ddim gwneud y newid hwnnw: chewch chi ddim newid eich rolau eich hun, a dim ond gweinyddwr all greu neu dynnu gweinyddwyr.
team-error-not-held = Dydy'r person hwnnw ddim yn dal y rôl honno bellach.
team-error-invalid = Doedd dim modd gwneud y newid hwnnw. Gwiriwch y manylion a rhoi cynnig arall arni.
org-kind-police = Heddlu
org-kind-council = Cyngor
org-kind-housing = Tai
org-kind-fire = Tân ac achub
org-kind-health = Iechyd
org-kind-probation = Prawf
org-kind-youth-justice = Cyfiawnder ieuenctid
org-kind-other = Arall
