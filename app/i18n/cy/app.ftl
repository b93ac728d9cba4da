## Frame
skip-to-main = Neidio i'r prif gynnwys
site-tagline = Diogelwch cymunedol yng Nghymru
demo-banner-label = Demo:
demo-banner = mae pob adroddiad, person ac achos ar yr hwb hwn wedi'u dyfeisio, i ddangos beth mae'n ei wneud. Peidiwch â'i ddefnyddio i roi gwybod am bryder go iawn.
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

## Reporting
nav-report = Rhoi gwybod am bryder
home-report-heading = Rhoi gwybod am bryder
home-report-body = Ymddygiad gwrthgymdeithasol, gwerthu cyffuriau, casineb, tipio anghyfreithlon neu unrhyw beth sy'n gwneud i'ch ardal deimlo'n llai diogel. Gallwch aros yn ddienw.
report-title = Rhoi gwybod am bryder
report-safety-heading = Eich diogelwch sy'n dod gyntaf
report-safety-999 = Os ydych chi neu rywun arall mewn perygl nawr, ffoniwch 999. Os ydych yn fyddar neu â nam ar eich lleferydd, tecstiwch 999 ar ôl cofrestru gydag emergencySMS.
report-safety-support = Am gymorth gyda throseddau casineb, cam-drin domestig neu drais rhywiol: llinell gymorth Byw Heb Ofn 0808 80 10 800 (am ddim, 24 awr), Cymorth i Ddioddefwyr 0808 16 89 111.
report-quick-exit = Gadael y wefan hon yn gyflym
report-quick-exit-history = Lle mae eich porwr yn rhedeg JavaScript, mae'r ddolen hon hefyd yn tynnu'r dudalen hon o'r botwm Yn ôl. Gall hanes eich porwr ddangos o hyd eich bod wedi ymweld â'r wefan hon: gallwch ei ddileu, neu ddefnyddio ffenestr breifat.
report-honeypot = Gwefan (gadewch hwn yn wag)
report-area-heading = Ble mae'n digwydd?
report-area-list-heading = Neu dewiswch ardal y cyngor
report-place-search = Chwilio am le
report-place-search-hint = Enw ward, pentref, tref neu ardal, yn Gymraeg neu'n Saesneg.
report-place-search-button = Chwilio
report-place-found = { $count ->
    [0] Does dim lleoedd yn cyfateb i “{ $query }”
    [one] Mae 1 lle yn cyfateb i “{ $query }”
    [two] Mae 2 le yn cyfateb i “{ $query }”
    [few] Mae { $count } lle yn cyfateb i “{ $query }”
    [many] Mae { $count } lle yn cyfateb i “{ $query }”
   *[other] Mae { $count } o leoedd yn cyfateb i “{ $query }”
}
report-place-none = Gwiriwch y sillafu, rhowch gynnig ar ran o'r enw, neu dewiswch ardal y cyngor isod.
report-place-area = { $area } (ardal gyfan y cyngor)
report-place-ward = { $ward }, { $area }
report-place-more = Dim ond y { $shown } cyntaf sy'n cael eu dangos: ychwanegwch fwy o'r enw i gyfyngu'r chwilio.
report-area-intro = Dewiswch ardal y cyngor. Bydd eich adroddiad yn mynd i'r Bartneriaeth Diogelwch Cymunedol ar gyfer yr ardal honno.
report-area-chosen = Ardal: { $area } ({ $csp }).
report-area-change = Newid ardal
report-error-summary = Mae problem
report-what-legend = Beth sy'n digwydd
report-category = Am beth rydych chi'n rhoi gwybod
report-choose = Dewiswch…
report-asb-legend = Pwy sy'n cael eu heffeithio? (ymddygiad gwrthgymdeithasol yn unig)
report-asb-hint = Atebwch os ydych yn rhoi gwybod am ymddygiad gwrthgymdeithasol; fel arall gadewch hwn.
report-hate-legend = Pam ydych chi'n meddwl ei fod wedi'i gymell gan gasineb? (digwyddiadau casineb yn unig)
report-hate-hint = Digwyddiad casineb yw unrhyw beth rydych chi, neu unrhyw un arall, yn meddwl a gafodd ei gymell gan elyniaeth neu ragfarn. Dewiswch bob un sy'n berthnasol.
report-where-legend = Ble
report-ward = Ward
report-ward-hint = Y ward etholiadol lle digwyddodd. Teipiwch y llythrennau cyntaf i ddod o hyd iddi.
report-location-text = Disgrifiwch y lle (dewisol)
report-location-hint = Er enghraifft: y lôn y tu ôl i'r siopau ar Ffordd yr Orsaf.
report-when-legend = Pryd
report-when = Dyddiad ac amser
report-when-hint = Er enghraifft, 2026-11-29 21:30.
report-ongoing = Mae'n dal i ddigwydd
report-description = Beth ddigwyddodd
report-description-hint = Disgrifiwch yr hyn a welsoch neu a glywsoch, yn eich geiriau eich hun. Hyd at { $max } o nodau. Peidiwch â chynnwys enwau pobl eraill oni bai bod angen.
report-about-legend = Amdanoch chi
report-anonymous-yes = Rhoi gwybod yn ddienw
report-anonymous-no = Rhoi fy manylion er mwyn i'r bartneriaeth allu cysylltu â mi
report-contact-hint = Os ydych yn rhoi eich manylion, ychwanegwch gyfeiriad e-bost neu rif ffôn. Cânt eu cadw ar wahân i'ch adroddiad a dim ond staff sydd eu hangen fydd yn eu gweld.
report-name = Enw
report-phone = Rhif ffôn
report-contact-language = Iaith negeseuon atoch
report-consent = Caiff y bartneriaeth gysylltu â mi am yr adroddiad hwn
report-safe-contact = Ffordd ddiogel o gysylltu â chi (dewisol)
report-safe-contact-hint = Er enghraifft: ffonio ar ddyddiau'r wythnos cyn 3pm yn unig, neu peidiwch byth â gadael neges llais. Os ysgrifennwch nodyn, ni fydd y bartneriaeth yn anfon e-byst awtomatig atoch: bydd swyddog yn cysylltu â chi dim ond fel mae eich nodyn yn ei ddweud.
report-privacy = Rydym yn defnyddio eich adroddiad i gadw eich cymuned yn ddiogel. Cewch ddolen breifat i ddilyn beth sy'n digwydd; does neb arall yn gallu gweld eich adroddiad yno.
report-submit = Anfon adroddiad
report-error-category = Dewiswch am beth rydych chi'n rhoi gwybod.
report-error-ward = Dewiswch y ward lle digwyddodd.
report-error-location-too-long = Cadwch y disgrifiad o'r lle i 200 nod neu lai.
report-error-when-required = Rhowch y dyddiad a'r amser, neu ticiwch "Mae'n dal i ddigwydd".
report-error-when-invalid = Rhowch ddyddiad ac amser nad yw yn y dyfodol, fel 2026-11-29 21:30.
report-error-description-too-short = Dywedwch ychydig mwy wrthym am yr hyn a ddigwyddodd: o leiaf 10 nod.
report-error-description-too-long = Rhaid i'r disgrifiad fod yn { $max } o nodau neu lai.
report-error-choice = Dewiswch o'r opsiynau a roddir.
report-error-too-long = Mae'r ateb hwnnw'n rhy hir. Byrhewch ef.
report-error-contact-required = Rhowch gyfeiriad e-bost neu rif ffôn, neu dewiswch roi gwybod yn ddienw.
report-error-email = Rhowch gyfeiriad e-bost fel enw@enghraifft.cymru.
report-error-phone = Rhowch rif ffôn gyda 10 i 15 digid.
report-error-rate-limited = Mae sawl adroddiad wedi'u hanfon o'r fan hon mewn amser byr. Arhoswch awr ac anfonwch hwn eto: mae'r hyn a deipioch wedi'i gadw ar y dudalen hon.
report-error-rejected = Doedd dim modd anfon eich adroddiad. Gwiriwch ef a'i anfon eto.
asb-personal = Person neu grŵp penodol (er enghraifft chi neu eich teulu)
asb-nuisance = Y gymuned yn gyffredinol
asb-environmental = Mannau neu adeiladau cyhoeddus
hate-disability = Anabledd
hate-race = Hil neu ethnigrwydd
hate-religion = Crefydd neu gred
hate-sexual-orientation = Cyfeiriadedd rhywiol
hate-transgender = Hunaniaeth drawsryweddol
hate-other = Rhywbeth arall
status-open = Wedi'i dderbyn
status-investigating = Yn cael ei ystyried
status-action-scheduled = Camau wedi'u cynllunio
status-in-progress = Camau ar y gweill
status-fixed = Wedi'i ddatrys
status-duplicate = Eisoes wedi'i adrodd
status-not-responsible = Wedi'i drosglwyddo i'r sefydliad cywir
status-no-further-action = Dim camau pellach
status-internal-referral = Wedi'i gyfeirio o fewn y bartneriaeth
status-closed = Wedi'i gau
track-title = Adroddiad { $reference }
track-received = Diolch. Mae eich adroddiad wedi dod i law. Eich cyfeirnod yw { $reference }.
track-keep-link = Cadwch y ddolen breifat hon i ddilyn beth sy'n digwydd:
track-status = Statws
track-where = Ble
track-partnership = Partneriaeth
track-submitted = Anfonwyd
track-timeline = Beth sydd wedi digwydd
track-next-heading = Beth sy'n digwydd nesaf
track-next = Mae swyddog o'r bartneriaeth yn darllen pob adroddiad, fel arfer o fewn dau ddiwrnod gwaith. Bydd diweddariadau'n ymddangos ar y dudalen hon. Os yw'r broblem yn gwaethygu neu os ydych mewn perygl, ffoniwch 999.
email-report-subject = Eich adroddiad { $reference }
email-report-body =
    Diolch am eich adroddiad i { $csp }.

    Eich cyfeirnod yw { $reference }.

    Dilynwch beth sy'n digwydd drwy'r ddolen breifat hon (peidiwch â'i rhannu):
    { $link }

    Mae swyddog yn darllen pob adroddiad, fel arfer o fewn dau ddiwrnod gwaith. Bydd diweddariadau'n ymddangos drwy'r ddolen uchod.

    Os ydych chi neu rywun arall mewn perygl, ffoniwch 999.

    Anfonwyd y neges hon yn awtomatig gan Cymuned. Dydy atebion iddi ddim yn cael eu darllen.
report-error-outside = Mae'r lle hwnnw y tu allan i'r ardaloedd y mae'r gwasanaeth hwn yn eu cwmpasu (Cymru). Cysylltwch â'r cyngor lleol yno, neu'r heddlu ar 101. Does dim wedi'i anfon.
report-error-bad-location = Doedd dim modd darllen lleoliad eich dyfais. Dewiswch y ward o'r rhestr yn lle hynny.
report-map-hint = Cliciwch neu tapiwch y map lle digwyddodd, neu defnyddiwch y rhestr o wardiau isod.
report-map-failed = Doedd dim modd llwytho'r map. Dewiswch y ward o'r rhestr isod, neu defnyddiwch eich lleoliad.
report-map-label = Map o wardiau'r ardal
report-map-pin-centre = Rhoi'r pin yng nghanol y map
report-map-zoom-in = Chwyddo i mewn
report-map-zoom-out = Chwyddo allan
report-use-location = Defnyddio fy lleoliad
report-locating = Yn chwilio am eich lleoliad…
report-located = Wedi dod o hyd: { $ward }, { $csp }. Does dim angen i chi ddewis ward.
report-location-failed = Doedd dim modd dod o hyd i'ch lleoliad. Dewiswch y ward o'r rhestr yn lle hynny.
report-photos = Lluniau (dewisol)
report-photos-hint = Hyd at 3 llun, JPEG, PNG neu WebP, 10 MB yr un ar y mwyaf. Caiff manylion lleoliad a chamera eu tynnu cyn eu cadw. Peidiwch â rhoi eich hun mewn perygl i dynnu llun.
report-error-photos-too-many = Dewiswch 3 llun neu lai.
report-error-photos-too-large = Rhaid i bob llun fod yn 10 MB neu lai.
report-error-photos-too-many-pixels = Mae llun yn rhy fawr i'w brosesu: rhaid i bob llun fod yn 40 megapicsel neu lai (er enghraifft 8000 × 5000 picsel). Dewiswch gopi llai ohono.
report-error-photos-not-image = Rhaid i luniau fod yn ddelweddau JPEG, PNG neu WebP.
report-error-photos-again = Ychwanegwch eich lluniau eto: dydyn nhw ddim yn cael eu cadw nes bod yr adroddiad wedi'i anfon.
photo-count = { $count ->
    [0] Dim
    [one] { $count } llun
    [two] { $count } lun
    [few] { $count } llun
    [many] { $count } llun
   *[other] { $count } o luniau
}

## Open311 (apiau eraill yn anfon adroddiadau)
open311-notice = Wedi'i dderbyn gan { $csp }. Mae swyddogion y bartneriaeth yn darllen adroddiadau; nid gwasanaeth brys yw hwn.
open311-error-path = Does dim dull Open311 o'r fath. Mae llwybrau'n gorffen gyda .json neu .xml, er enghraifft /open311/v2/services.json.
open311-error-body = Rhaid i gorff y cais fod yn baramedrau wedi'u hamgodio fel ffurflen (application/x-www-form-urlencoded).
open311-error-api-key = Mae api_key ar goll, ddim yn ddilys neu wedi'i ddiddymu. Gofynnwch i weinyddwr yr hyb am allwedd.
open311-error-service-required = Mae angen service_code: mae GET services.json yn eu rhestru.
open311-error-service-code = Nid yw service_code “{ $code }” yn un o wasanaethau { $csp }. Mae GET services.json?lat=…&long=… yn rhestru gwasanaethau'r bartneriaeth honno.
open311-error-service-not-found = Does dim gwasanaeth gyda'r cod “{ $code }”.
open311-error-sensitive = Dim ond drwy ffurflen Cymuned ei hun y mae rhoi gwybod am ddigwyddiadau casineb, cam-drin domestig a thrais rhywiol, gan ei bod yn cynnig ffordd ddiogel o gysylltu a ffordd gyflym o adael: { $url }
open311-error-location-required = Anfonwch lat a long, neu address_string sy'n enwi ward yng Nghymru.
open311-error-location-invalid = Rhaid i lat a long fod yn raddau degol (WGS84), er enghraifft lat=51.4816 a long=-3.1791.
open311-error-outside = Mae'r pwynt hwnnw y tu allan i ffiniau'r wardiau yng Nghymru y mae'r hyb hwn yn eu cwmpasu. Cysylltwch â'r cyngor lleol, neu'r heddlu ar 101 (999 mewn argyfwng).
open311-error-address = Nid yw address_string yn enwi ward y mae'r hyb hwn yn ei hadnabod. Anfonwch lat a long yn lle hynny.
open311-error-address-long = Rhaid i address_string fod yn 200 nod neu lai.
open311-error-description-short = Mae angen description: o leiaf 10 nod yn dweud beth sy'n digwydd.
open311-error-description-long = Rhaid i description fod yn { $max } nod neu lai.
open311-error-name-long = Rhaid i first_name a last_name gyda'i gilydd fod yn 200 nod neu lai.
open311-error-email = Nid yw email yn gyfeiriad e-bost dilys.
open311-error-phone = Rhaid i phone fod yn rhif ffôn yn y DU o 10 i 15 digid.
open311-error-attribute = Nid yw attribute[{ $code }] yn un o'r gwerthoedd a restrir gan GET services/{"{"}service_code{"}"}.json.
open311-error-parameter = Nid yw { $name } yn ddilys.
open311-error-media-url = Rhaid i media_url fod yn gyfeiriad http:// neu https:// o { $max } nod neu lai.
open311-error-jurisdiction = Nid yw jurisdiction_id “{ $id }” yn un o bartneriaethau'r hyb hwn: mae GET /api/v1/csps yn eu rhestru.
open311-error-date = Rhaid i { $name } fod yn ddyddiad ac amser fel 2026-11-01T09:30:00Z.
open311-error-date-order = Ni ddylai start_date fod ar ôl end_date.
open311-error-status = Rhaid i status “{ $status }” fod yn open neu closed.
open311-error-number = Rhaid i { $name } fod yn rhif cyfan o 1 i { $max }.
open311-error-request-not-found = Does dim cais gwasanaeth cyhoeddus gyda'r id “{ $id }”.
open311-error-token-not-found = Does dim cais gwasanaeth gyda'r tocyn hwnnw.
open311-error-request-required = Mae angen service_request_id: id y cais y mae'r diweddariad hwn yn ei gylch.
open311-error-update-description = Mae angen description: yr hyn y mae'r person yn ei ychwanegu, hyd at { $max } nod.
open311-error-update-id-used = Anfonwyd update_id o'r blaen am gais arall: mae angen ei id ei hun ar bob diweddariad.
open311-error-too-large = Mae'r cais yn fwy nag y mae'r hyb hwn yn ei dderbyn (64 KB). Anfonwch luniau fel dolenni media_url.

## Brysbennu
nav-intake = Ciw derbyn
nav-intelligence = Gwybodaeth
audit-action-reporter-contact-viewed = Gweld manylion cyswllt yr adroddwr
audit-action-report-acknowledged = Cydnabod adroddiad
audit-action-report-updated = Anfon statws a neges adroddiad
audit-action-report-graded = Graddio a glanhau adroddiad
audit-action-report-assigned = Neilltuo adroddiad
audit-action-intelligence-viewed-by-partner = Partner wedi gweld gwybodaeth
email-update-subject = Diweddariad ar eich adroddiad { $reference }
email-update-body =
    Mae diweddariad ar eich adroddiad { $reference }:

    { $message }

    Dilynwch ef gyda'r ddolen breifat yn eich e-bost cyntaf. Os ydych chi mewn perygl nawr, ffoniwch 999.
grade-source-1 = dibynadwy
grade-source-2 = heb ei brofi
grade-source-3 = annibynadwy
grade-intel-a = yn hysbys yn uniongyrchol i'r ffynhonnell
grade-intel-b = yn hysbys yn anuniongyrchol, wedi'i gadarnhau
grade-intel-c = yn hysbys yn anuniongyrchol
grade-intel-d = ddim yn hysbys
grade-intel-e = amheuaeth ei fod yn anwir neu'n faleisus
grade-handling-p = caniateir rhannu'n gyfreithlon
grade-handling-c = caniateir rhannu gydag amodau (ysgrifennwch nhw isod)
intake-title = Ciw derbyn
intake-counts = Newydd: { $new } · Hwyr: { $overdue } · Ar agor: { $open }
intake-filter-status = Dangos
intake-status-open = Adroddiadau ar agor
intake-status-new = Heb eu cydnabod eto
intake-status-overdue = Yn hwyr i'w cydnabod
intake-status-closed = Adroddiadau wedi cau
intake-status-all = Pob adroddiad
intake-status-new-one = Newydd
intake-any = Unrhyw
intake-yes = Ydy
intake-no = Nac ydy
intake-neighbourhood = Cymdogaeth
intake-sensitive = Sensitif
intake-sensitive-tag = Sensitif
intake-sort = Trefn
intake-sort-oldest = Yr hynaf yn gyntaf
intake-sort-risk = Y risg uchaf yn gyntaf
intake-mine = Dim ond adroddiadau wedi'u neilltuo i mi
intake-apply = Cymhwyso
intake-caption = { $total ->
    [zero] Dim adroddiadau
    [one] 1 adroddiad
    [two] 2 adroddiad
    [few] { $total } adroddiad
    [many] { $total } adroddiad
   *[other] { $total } o adroddiadau
} (tudalen { $page } o { $pages })
intake-reference = Cyfeirnod
intake-received = Derbyniwyd
intake-grade = Gradd
intake-assigned = Wedi'i neilltuo i
intake-overdue = Hwyr
triage-title = Adroddiad { $reference }
triage-resident-language = Iaith y preswylydd
triage-description = Beth ysgrifennodd y preswylydd
triage-description-hint = Cyfyngedig: geiriau'r preswylydd ei hun. Rhannwch y crynodeb wedi'i lanhau isod yn unig.
triage-reporter = Pwy roddodd wybod
triage-anonymous = Rhoddodd y preswylydd wybod yn ddienw.
triage-contact-hidden = Rhoddodd y preswylydd fanylion cyswllt. Maen nhw'n gudd nes bydd eu hangen arnoch; mae pob tro y cânt eu gweld yn cael ei gofnodi yn y log archwilio.
triage-show-contact = Dangos manylion cyswllt
triage-contact-audited = Mae'r edrychiad hwn wedi'i gofnodi yn y log archwilio.
triage-contact-not-yours = Dim ond i swyddogion a rheolwyr y dangosir manylion cyswllt.
triage-timeline = Hanes
triage-internal = mewnol
triage-respond = Rhoi gwybod i'r preswylydd
triage-respond-hint = Mae'r preswylydd yn darllen negeseuon yn { $language }. Gadewch y neges yn wag i anfon y geiriad safonol ar gyfer y statws yn eu hiaith.
triage-acknowledge = Cydnabod (yn anfon y gydnabyddiaeth safonol)
triage-new-status = Statws
triage-message = Neges i'r preswylydd (dewisol)
triage-message-hint = Ar gyfer y preswylydd yn unig: yn cael ei dangos ar eu tudalen ddilyn ac yn cael ei hanfon drwy e-bost pan ganiateir (gweler isod). Ni chaiff byth ei chyhoeddi. Ysgrifennwch yn { $language } neu gadewch hi'n wag.
triage-will-email = Cytunodd y preswylydd i gael e-bost: bydd yn cael hon drwy e-bost hefyd.
triage-email-no-address = Dim e-bost: ni roddodd y preswylydd gyfeiriad e-bost. Bydd yn gweld hon ar ei dudalen ddilyn.
triage-email-no-consent = Dim e-bost: rhoddodd y preswylydd gyfeiriad ond ni chytunodd i gael e-bost. Bydd yn gweld hon ar ei dudalen ddilyn.
triage-email-safe-contact = Dim e-bost awtomatig: gadawodd y preswylydd nodyn cyswllt diogel, felly nid yw'r hwb yn anfon dim ato ohono'i hun. Cysylltwch ag ef â llaw, dim ond fel mae ei nodyn yn ei ddweud (Dangos manylion cyswllt).
triage-public-note = Nodyn cyhoeddus (dewisol)
triage-duplicate-email-hint = Mae cysylltu'r adroddiad hwn fel dyblygiad yn ei gau ac yn dweud wrth y preswylydd.
triage-public-note-hint = Yn cael ei gyhoeddi i apiau eraill ac i'r cyhoedd (Open311) gyda'r statws. Gadewch yn wag i gyhoeddi'r statws yn unig. Rhaid iddo beidio ag enwi'r preswylydd na rhoi ei e-bost na'i ffôn.
triage-public-note-shown = Nodyn cyhoeddus:
triage-send-update = Anfon diweddariad
triage-grade-heading = Graddio a glanhau (3x5x2)
triage-grade-intro = Mae'r crynodeb a'r radd yn gwneud yr eitem wybodaeth y gall partneriaid ei gweld. Ni chaiff dim sy'n adnabod y preswylydd fod yn y crynodeb.
triage-summary = Crynodeb wedi'i lanhau
triage-summary-hint = Drafft cyntaf heb enw, e-bost na rhifau ffôn y preswylydd. Darllenwch ef a thynnu unrhyw beth arall sy'n eu hadnabod.
triage-source = Gwerthuso'r ffynhonnell
triage-intelligence = Asesu'r wybodaeth
triage-handling = Cod trin
triage-conditions = Amodau trin
triage-conditions-hint = Yn ofynnol ar gyfer cod trin C: pwy gaiff ei dderbyn ac ar ba delerau.
triage-share-with = Rhannu eitem C gyda
triage-share-hint = Dim ond y sefydliadau a dicir sy'n gweld eitem C. Mae pob partner yn y bartneriaeth yn gweld eitemau P.
triage-tension = Tensiwn cymunedol
triage-tension-none = Nid yw'n ddangosydd tensiwn
triage-save-grade = Cadw'r radd a'r crynodeb
triage-assign-heading = Neilltuo
triage-assignee = Perchennog
triage-nobody = Neb
triage-people = Pobl
triage-organisations = Sefydliadau partner
triage-assign = Neilltuo
triage-done-acknowledged = Wedi'i gydnabod. Mae'r preswylydd wedi cael gwybod.
triage-done-graded = Mae'r eitem wybodaeth wedi'i chadw.
triage-done-assigned = Wedi'i neilltuo.
triage-done-updated = Diweddariad wedi'i anfon at y preswylydd.
triage-error-stale = Newidiodd rhywun arall yr adroddiad hwn tra oeddech chi'n gweithio arno. Ni chadwyd dim: darllenwch y fersiwn ddiweddaraf isod a rhowch gynnig arall arni.
triage-error-source = Dewiswch werthusiad ffynhonnell: 1, 2 neu 3.
triage-error-intelligence = Dewiswch asesiad gwybodaeth: A, B, C, D neu E.
triage-error-handling = Dewiswch god trin: P neu C.
triage-error-conditions-required = Mae cod trin C angen amodau ysgrifenedig.
triage-error-conditions-too-long = Rhaid i'r amodau fod yn 1,000 nod neu lai.
triage-error-summary-required = Ysgrifennwch grynodeb wedi'i lanhau.
triage-error-summary-too-long = Rhaid i'r crynodeb fod yn 2,000 nod neu lai.
triage-error-summary-identifies = Mae enw, cyfeiriad e-bost neu rif ffôn y preswylydd yn dal yn y crynodeb. Tynnwch ef cyn cadw.
triage-error-tension = Dewiswch wedi'i brofi, wedi'i brofi'n bersonol neu bosibl, neu dim tensiwn.
triage-error-share-unknown = Dewiswch sefydliadau'r bartneriaeth hon yn unig.
triage-error-assignee = Dewiswch berson neu sefydliad o'r bartneriaeth hon.
triage-error-status = Dewiswch statws o'r rhestr.
triage-error-message-too-long = Rhaid i'r neges fod yn 2,000 nod neu lai.
triage-error-public-note-too-long = Rhaid i'r nodyn cyhoeddus fod yn 2,000 nod neu lai.
triage-error-public-note-identifies = Mae'r nodyn cyhoeddus yn dal i enwi'r preswylydd neu'n rhoi ei e-bost neu ei ffôn. Tynnwch nhw allan: caiff y nodyn ei gyhoeddi.
tension-evidenced = Wedi'i dystiolaethu
tension-experienced = Wedi'i brofi
tension-potential = Posibl
template-acknowledged = Diolch am eich adroddiad. Rydyn ni wedi'i dderbyn a bydd swyddog yn edrych arno.
template-investigating = Diolch am eich adroddiad. Mae swyddog wedi'i ddarllen ac yn ymchwilio iddo.
template-action-scheduled = Mae camau wedi'u cynllunio mewn ymateb i'ch adroddiad.
template-in-progress = Mae gwaith ar y gweill mewn ymateb i'ch adroddiad.
template-fixed = Mae'r broblem y rhoesoch wybod amdani wedi'i datrys. Diolch am ddweud wrthym.
template-duplicate = Mae rhywun eisoes wedi rhoi gwybod am hyn. Rydyn ni'n delio ag ef o dan eu hadroddiad nhw.
template-not-responsible = Nid yw hyn yn rhywbeth y gall y bartneriaeth ddelio ag ef. Rydyn ni wedi cau eich adroddiad; cysylltwch â'r sefydliad cyfrifol.
template-no-further-action = Rydyn ni wedi edrych ar eich adroddiad a does dim camau pellach y gallwn eu cymryd ar hyn o bryd.
template-internal-referral = Mae eich adroddiad wedi'i drosglwyddo i'r sefydliad partner sy'n gallu delio ag ef.
template-closed = Mae eich adroddiad wedi cau erbyn hyn. Diolch am ddweud wrthym.
intelligence-title = Gwybodaeth
intelligence-intro = Eitemau gwybodaeth y bartneriaeth, wedi'u graddio a'u glanhau, y mwyaf diweddar yn gyntaf.
intelligence-partner-intro = Eitemau wedi'u rhannu â'ch sefydliad: eitemau P y bartneriaeth, ac eitemau C sy'n enwi eich sefydliad. Mae pob edrychiad yn cael ei gofnodi.
intelligence-none = Does dim eitemau i'w dangos.
intelligence-meta = { $reference } · { $grade } · diweddarwyd { $date }
intelligence-conditions = Amodau:
intelligence-shared-with = Wedi'i rannu gyda: { $organisations }
intelligence-tension = Tensiwn cymunedol: { $tag }
triage-done-asked = Mae eich cwestiwn ar dudalen ddilyn y preswylydd.
triage-done-classified = Mae'r categori wedi newid.
triage-done-linked = Mae'r adroddiadau wedi'u cysylltu.
triage-error-question-required = Ysgrifennwch y cwestiwn i'r preswylydd.
triage-error-question-too-long = Rhaid i'r cwestiwn fod yn 1,000 nod neu lai.
triage-error-category = Dewiswch gategori, math a llinynnau o'r rhestrau.
triage-error-link-unknown = Does dim adroddiad gan y bartneriaeth hon gyda'r cyfeirnod hwnnw.
triage-error-link-self = Ni ellir cysylltu adroddiad ag ef ei hun.
triage-question-asked = Cwestiwn i'r preswylydd
triage-resident-replied = Atebodd y preswylydd
triage-app-comment = Rhagor o wybodaeth drwy ap arall
triage-ask-heading = Gofyn i'r preswylydd am ragor o wybodaeth
triage-question = Cwestiwn
triage-question-hint = Yn cael ei ddangos ar eu tudalen ddilyn, lle gallant ateb, ac yn cael ei anfon drwy e-bost pan ganiateir (gweler isod). Ni chaiff byth ei gyhoeddi. Ysgrifennwch yn { $language }.
triage-ask = Gofyn i'r preswylydd
triage-classify-heading = Am beth mae'n sôn
triage-classify = Newid y categori
triage-links-heading = Adroddiadau cysylltiedig
triage-suggestions = Dyblygiadau ac ailadroddiadau posibl
triage-no-suggestions = Dim adroddiadau tebyg gerllaw tua'r un pryd.
triage-link-duplicate = Dyblygiad o { $reference }
triage-link-repeat = Ailadroddiad o { $reference }
triage-link-other = Cysylltu â'r adroddiad gyda'r cyfeirnod
triage-link-kind = Fel
triage-kind-repeat = ailadroddiad (yr un broblem eto)
triage-kind-duplicate = dyblygiad (yr un digwyddiad; yn cau'r adroddiad hwn)
triage-link = Cysylltu
triage-is-duplicate-of = (mae'r adroddiad hwn yn ddyblygiad ohono)
triage-has-duplicate = (dyblygiad o'r adroddiad hwn)
triage-is-repeat-of = (mae'r adroddiad hwn yn ei ailadrodd)
triage-has-repeat = (yn ailadrodd yr adroddiad hwn)
link-reason-neighbourhood = yr un gymdogaeth
link-reason-near = { $metres } m i ffwrdd
link-reason-days = { $days ->
    [0] yr un diwrnod
    [one] 1 diwrnod rhyngddynt
    [two] 2 ddiwrnod rhyngddynt
    [few] { $days } diwrnod rhyngddynt
    [many] { $days } diwrnod rhyngddynt
   *[other] { $days } o ddiwrnodau rhyngddynt
}
link-reason-words = { $percent }% o'r geiriau'n gyffredin
audit-action-report-classified = Newid categori adroddiad
audit-action-report-linked = Cysylltu adroddiadau
email-question-subject = Cwestiwn am eich adroddiad { $reference }
email-question-body =
    Mae gan y bartneriaeth gwestiwn am eich adroddiad { $reference }:

    { $question }

    Atebwch ef ar eich tudalen ddilyn, gan ddefnyddio'r ddolen breifat yn eich e-bost cyntaf. Os ydych chi mewn perygl nawr, ffoniwch 999.
track-question = Cwestiwn gan y bartneriaeth
track-your-reply = Eich ateb
track-reply-heading = Ateb cwestiwn y bartneriaeth
track-reply = Eich ateb
track-reply-error = Ysgrifennwch eich ateb mewn { $max } nod neu lai.
track-reply-send = Anfon ateb
track-reply-sent = Diolch. Mae eich ateb wedi'i ychwanegu at eich adroddiad.
audit-action-case-review-updated = Cydnabod neu benderfynu ar adolygiad achos
audit-action-settings-changed = Newid gosodiadau'r bartneriaeth
nav-case-reviews = Adolygiadau achos YG
intake-trigger = Dim ond adroddiadau sy'n bodloni rheol y Trothwy Cymunedol
intake-trigger-tag = Trothwy Cymunedol
intake-safe-contact-tag = Cyswllt diogel
trigger-flag = Trothwy Cymunedol:
trigger-rule-same-person = mae'r adroddiad hwn yn un o ddigon o adroddiadau YG gan yr un person (manylion cyswllt wedi'u gwirio) o fewn cyfnod y bartneriaeth i fodloni trothwy adolygiad achos YG.
trigger-rule-one-location = mae'r adroddiad hwn yn un o ddigon o adroddiadau YG am un lleoliad, gan fwy nag un person, i fodloni rheol lleoliad y bartneriaeth.
trigger-rule-hate = mae digwyddiad casineb yn bodloni rheol adolygiad achos y bartneriaeth ar ei ben ei hun.
trigger-reviews-link = Adolygiadau achos YG
triage-contact-verified = Mae'r manylion cyswllt hyn wedi'u gwirio.
triage-verify-hint = Cadarnhewch ar ôl i chi wirio'r manylion gyda'r preswylydd (er enghraifft drwy eu ffonio'n ôl). Dim ond manylion wedi'u gwirio sy'n cysylltu adroddiadau un person ar gyfer y Trothwy Cymunedol.
triage-verify = Nodi bod y manylion cyswllt wedi'u gwirio
triage-done-verified = Mae'r manylion cyswllt wedi'u nodi fel rhai wedi'u gwirio.
review-title = Gwneud cais am adolygiad achos YG (Trothwy Cymunedol)
review-intro = Os ydych chi wedi rhoi gwybod am ymddygiad gwrthgymdeithasol sawl gwaith a'ch bod yn teimlo nad oes dim wedi'i wneud, gallwch ofyn i'r bartneriaeth adolygu eich achos. Rhowch gyfeirnodau eich adroddiadau: fel arfer mae tri adroddiad am yr un broblem mewn chwe mis yn bodloni'r trothwy.
review-references = Cyfeirnodau eich adroddiadau
review-references-hint = Er enghraifft CYM-26-000123, CYM-26-000130. Hyd at ddeg, wedi'u gwahanu gan atalnodau.
review-impact = Sut mae'r broblem yn effeithio arnoch chi
review-impact-hint = Beth sy'n dal i ddigwydd a beth mae'n ei olygu i chi neu i'r person rydych chi'n gwneud cais ar ei ran.
review-on-behalf = Gwneud cais ar ran rhywun arall? Eu henw (dewisol)
review-on-behalf-hint = Gallwch wneud cais ar ran dioddefwr, gyda'u cytundeb.
review-submit = Gwneud cais am adolygiad achos
review-received = Mae eich cais { $reference } wedi dod i law.
review-next = Bydd y bartneriaeth yn ei gydnabod o fewn 5 diwrnod gwaith ac yn rhoi gwybod i chi am ei phenderfyniad o fewn 15 diwrnod gwaith. Os ydych chi mewn perygl, ffoniwch 999.
review-error-name = Rhowch eich enw.
review-error-contact = Rhowch gyfeiriad e-bost neu rif ffôn er mwyn i'r bartneriaeth allu ateb.
review-error-references-required = Rhowch o leiaf un cyfeirnod adroddiad.
review-error-references-too-many = Rhowch hyd at ddeg cyfeirnod adroddiad.
review-error-reference-shape = Mae cyfeirnodau adroddiadau yn edrych fel CYM-26-000123.
review-error-references-unknown = Doedd dim modd dod o hyd i un neu fwy o'r cyfeirnodau hynny, neu nid ydyn nhw'n ymwneud ag ymddygiad gwrthgymdeithasol neu ddigwyddiad casineb, neu maen nhw'n perthyn i bartneriaethau gwahanol. Gwiriwch nhw yn erbyn eich negeseuon e-bost cadarnhau, a gwnewch gais i bob partneriaeth ar wahân.
review-error-rate-limited = Mae sawl cais wedi'u hanfon o'r fan hon mewn amser byr. Arhoswch awr ac anfonwch hwn eto: mae'r hyn a deipioch wedi'i gadw ar y dudalen hon.
review-error-impact = Dywedwch wrthym, mewn o leiaf 10 nod, sut mae'r broblem yn effeithio arnoch chi.
review-status-received = Wedi dod i law
review-status-acknowledged = Wedi'i gydnabod
review-status-not-met = Heb fodloni'r trothwy
review-status-held = Adolygiad wedi'i gynnal
reviews-title = Adolygiadau achos YG
reviews-saved = Wedi'i gadw. Mae'r ymgeisydd wedi cael gwybod.
reviews-settings-saved = Mae'r gosodiadau wedi'u cadw. Gwiriwyd yr adroddiadau agored eto yn erbyn y rheolau. Yn bodloni rheol y Trothwy Cymunedol nawr: { $flagged }. Ddim yn ei bodloni mwyach: { $cleared }.
reviews-error-invalid = Dewiswch benderfyniad o'r rhestr; rhaid i'r argymhellion fod yn 4,000 nod neu lai.
reviews-rules = Trothwy: { $reports } adroddiad YG cymwys o fewn { $days } diwrnod. Cydnabod o fewn { $acknowledge } diwrnod gwaith; penderfynu o fewn { $decide }.
reviews-figures = { $year } hyd yma: { $applications } cais, { $not_met } heb fodloni'r trothwy, { $held } adolygiad wedi'u cynnal, { $recommendations } gydag argymhellion.
reviews-none = Does dim ceisiadau.
reviews-applicant = Ymgeisydd
reviews-threshold = Trothwy wedi'i fodloni wrth wneud cais
reviews-deadlines = Dyddiadau
reviews-deadline-values = daeth i law { $received }; cydnabod erbyn { $acknowledge }; penderfynu erbyn { $decide }
reviews-recommendations = Argymhellion
reviews-decision = Penderfyniad
reviews-save = Cadw a rhoi gwybod i'r ymgeisydd
settings-heading = Gosodiadau'r bartneriaeth
settings-acknowledge-days = Diwrnodau gwaith i gydnabod adroddiad
settings-trigger-reports = Adroddiadau YG cymwys sy'n bodloni trothwy adolygiad achos
settings-trigger-window = O fewn hyn o ddiwrnodau
settings-review-acknowledge = Diwrnodau gwaith i gydnabod cais am adolygiad achos
settings-review-decide = Diwrnodau gwaith i benderfynu ar adolygiad achos
settings-location-rule = Hefyd: 5 adroddiad am un lleoliad yn y cyfnod, gan fwy nag un person
settings-hate-rule = Hefyd: unrhyw ddigwyddiad casineb unigol
settings-save = Cadw'r gosodiadau
figures-heading = Adolygiadau achos YG (Trothwy Cymunedol)
figures-intro = Y ffigurau y mae'r bartneriaeth yn eu cyhoeddi bob blwyddyn.
figures-apply = Gwneud cais am adolygiad achos
figures-caption = Ceisiadau a chanlyniadau fesul blwyddyn
figures-year = Blwyddyn
figures-applications = Ceisiadau
figures-not-met = Heb fodloni'r trothwy
figures-held = Adolygiadau wedi'u cynnal
figures-recommendations = Adolygiadau gydag argymhellion
email-review-subject = Eich cais am adolygiad achos YG { $reference }
email-review-body =
    Rydyn ni wedi derbyn eich cais am adolygiad achos YG ({ $reference }).

    Bydd y bartneriaeth yn ei gydnabod o fewn 5 diwrnod gwaith ac yn rhoi gwybod i chi am ei phenderfyniad o fewn 15 diwrnod gwaith. Os ydych chi mewn perygl nawr, ffoniwch 999.
email-review-update-subject = Eich adolygiad achos YG { $reference }
email-review-acknowledged = Mae'r bartneriaeth wedi cydnabod eich cais { $reference } ac yn edrych ar eich adroddiadau. Bydd yn rhoi gwybod i chi am ei phenderfyniad.
email-review-held = Bydd y bartneriaeth yn cynnal adolygiad achos ar gyfer eich cais { $reference }. Bydd yn rhoi gwybod i chi beth mae'n ei argymell.
email-review-not-met = Mae'r bartneriaeth wedi penderfynu nad yw eich cais { $reference } yn bodloni'r trothwy ar gyfer adolygiad achos. Gallwch barhau i roi gwybod am ddigwyddiadau newydd, a gofyn i'r bartneriaeth esbonio ei phenderfyniad.
triage-error-link-loop = Mae'r adroddiad hwnnw ei hun wedi'i gau fel dyblygiad, neu eisoes wedi'i gysylltu â'r un hwn: cysylltwch â'r gwreiddiol yn lle hynny.
settings-link-window = Awgrymu dyblygiadau ac ailadroddiadau a adroddwyd o fewn hyn o ddiwrnodau
settings-link-distance = ac o fewn hyn o fetrau (neu yn yr un gymdogaeth)
teams-heading = Timau
teams-intro = Timau'r bartneriaeth (er enghraifft tîm economi'r nos). Gellir neilltuo adroddiadau i dîm; mae ei aelodau'n eu gweld o dan "wedi'u neilltuo i mi".
teams-nobody = neb eto
teams-remove = Tynnu { $name } o { $team }
teams-new = Enw'r tîm newydd
teams-create = Creu tîm
teams-team = Tîm
teams-add = Ychwanegu at y tîm
teams-member-email = Cyfeiriad e-bost aelod newydd y tîm
teams-done-created = Mae'r tîm wedi'i greu.
teams-done-changed = Mae'r tîm wedi newid.
teams-error-name = Rhowch enw o hyd at 100 nod i'r tîm.
teams-error-exists = Mae gan y bartneriaeth dîm gyda'r enw hwnnw eisoes.
triage-teams = Timau
intake-age = Derbyniwyd
intake-age-days = { $days ->
    [one] mwy nag 1 diwrnod yn ôl
    [two] mwy na 2 ddiwrnod yn ôl
   *[other] mwy na { $days } diwrnod yn ôl
}
triage-source-web = y ffurflen adrodd
triage-source-open311 = ap arall, drwy Open311
triage-source-generated = data enghreifftiol synthetig

## Datrys problemau (SARA)
nav-problems = Problemau
problems-title = Datrys problemau
problems-intro = Proffiliau problem sy'n mynd drwy Sganio, Dadansoddi, Ymateb ac Asesu, a'r problemau y mae'r hyb yn eu hawgrymu o'r adroddiadau.
problems-partner-intro = Y proffiliau problem y mae'r bartneriaeth hon wedi'u rhannu â'ch sefydliad.
problems-profiles = Proffiliau problem
problems-none = Does dim proffiliau problem eto.
problems-col-profile = Proffil
problems-col-stage = Cam
problems-col-priority = Blaenoriaeth
problems-col-area = Ardal
problems-col-items = Eitemau cudd-wybodaeth
problems-col-actions = Camau agored
problems-overdue = { $count } yn hwyr
problems-suggestions = Problemau a awgrymir
problems-suggestions-intro = Mae'r hyb yn chwilio am gynnydd uwchlaw lefel arferol pob cymdogaeth, lleoedd yr adroddir amdanynt dro ar ôl tro, a thrigolion sy'n adrodd dro ar ôl tro. Mae pob awgrym yn dweud pam y'i gwnaed.
problems-suggestions-none = Does dim byd yn sefyll allan ar hyn o bryd.
problems-covered = Eisoes mewn proffil agored
problems-new = Agor proffil problem
problems-open = Agor y proffil
suggest-title-rise = Mwy o adroddiadau { $family } yn { $area }
suggest-title-place = Adroddiadau { $family } dro ar ôl tro am un lle yn { $area }
suggest-title-victim = Un preswylydd yn adrodd { $family } dro ar ôl tro yn { $area }
suggest-rise = { $count } adroddiad { $family } yn { $area } yn y 28 diwrnod diwethaf, o'i gymharu â { $expected } fel arfer (cyfartaledd y 12 mis blaenorol). { $chance }
suggest-place = { $count } adroddiad { $family } o fewn tua 165 metr i un lle yn { $area } yn y 91 diwrnod diwethaf; pe baent wedi'u gwasgaru'n gyfartal dros y gymdogaeth byddai { $expected }. { $chance }
suggest-victim = Mae un preswylydd wedi adrodd { $count } gwaith yn y 91 diwrnod diwethaf, am { $family } yn { $area } gan amlaf (ni ddangosir pwy ydynt yma).
suggest-chance-100000 = Byddai cynifer â hynny'n digwydd ar hap lai nag unwaith mewn can mil.
suggest-chance-10000 = Byddai cynifer â hynny'n digwydd ar hap lai nag unwaith mewn deng mil.
suggest-references = Adroddiadau:
suggest-open = Agor proffil ar gyfer hyn
family-asb = ymddygiad gwrthgymdeithasol
family-drugs = cyffuriau
family-hate = digwyddiad casineb
family-abuse = cam-drin
family-environmental = amgylcheddol
family-vehicle = niwsans cerbydau
family-tension = tensiwn cymunedol
family-other = arall
stage-scanning = Sganio
stage-analysis = Dadansoddi
stage-response = Ymateb
stage-assessment = Asesu
stage-closed = Ar gau
priority-high = Uchel
priority-medium = Canolig
priority-low = Isel
decision-close = Cau: mae'r broblem wedi'i datrys neu wedi lleihau digon
decision-continue = Parhau â'r ymateb
decision-revise = Diwygio'r ymateb
decision-analysis = Mynd yn ôl i ddadansoddi
action-planned = Wedi'i gynllunio
action-in-progress = Ar y gweill
action-done = Wedi'i wneud
action-dropped = Wedi'i ollwng
strand-prevention = Atal
strand-intelligence = Cudd-wybodaeth
strand-enforcement = Gorfodi
strand-reassurance = Tawelu meddwl
profile-title-label = Teitl
profile-priority = Blaenoriaeth
profile-priority-is = Blaenoriaeth: { $priority }
profile-updated = Newidiwyd ddiwethaf { $date }
profile-stages = Camau datrys problemau
profile-partner-note = Wedi'i rannu â'ch sefydliad. Ni ddangosir y cudd-wybodaeth y tu ôl i'r proffil hwn.
profile-terms = Cylch gorchwyl
profile-requester = Gofynnwyd gan
profile-aim = Nod
profile-neighbourhoods = Cymdogaethau
profile-categories = Categorïau adroddiadau
profile-period = Y cyfnod dan sylw
profile-period-from = O
profile-period-to = I
profile-period-range = { $from } i { $to }
profile-edit-terms = Newid y cylch gorchwyl
profile-save = Cadw
profile-not-written = Heb ei ysgrifennu eto.
profile-statement = Datganiad y broblem
profile-affected = Pwy sy'n cael eu heffeithio
profile-edit-scanning = Newid datganiad y broblem
profile-items = Eitemau cudd-wybodaeth cysylltiedig ({ $count })
profile-items-none = Does dim eitemau cudd-wybodaeth wedi'u cysylltu eto.
profile-unlink = Tynnu { $reference } o'r proffil hwn
profile-link-label = Cyfeirnod adroddiad eitem wedi'i graddio
profile-link = Cysylltu'r eitem
profile-triangle = Triongl dadansoddi problemau
pat-side = Ochr
pat-what = Beth a wyddom
pat-controller = Pwy all ei rheoli
pat-offender = Troseddwr
pat-victim = Dioddefwr neu darged
pat-place = Lle
pat-handler = Triniwr
pat-guardian = Gwarcheidwad
pat-manager = Rheolwr y lle
pat-offender-hint = Pwy sy'n achosi'r broblem (wedi'u disgrifio, nid eu henwi).
pat-victim-hint = Pwy neu beth sy'n cael niwed, ac a yw'r un bobl yn cael niwed eto.
pat-handler-hint = Rhywun sydd â dylanwad ar y troseddwr: teulu, gweithiwr ieuenctid, landlord.
pat-guardian-hint = Rhywun sy'n diogelu'r dioddefwr neu'r targed: cymdogion, staff, teledu cylch cyfyng.
pat-manager-hint = Pwy sy'n gofalu am y lle: y cyngor, cymdeithas dai, perchennog busnes.
profile-hypothesis = Rhagdybiaeth
profile-gaps = Bylchau cudd-wybodaeth
profile-edit-analysis = Newid y dadansoddiad
profile-data = Beth mae'r adroddiadau'n ei ddangos
profile-data-intro = { $count } adroddiad o'r categorïau hyn yn y cymdogaethau hyn o { $from } i { $to } (heb gyfrif dyblygiadau).
chart-week-title = Adroddiadau fesul wythnos
chart-week-description = Adroddiadau bob wythnos dros y cyfnod, { $count } i gyd.
chart-weekday-title = Adroddiadau fesul diwrnod o'r wythnos
chart-weekday-description = Adroddiadau ar bob diwrnod o'r wythnos, dydd Llun yn gyntaf.
chart-hour-title = Adroddiadau fesul awr o'r dydd
chart-hour-description = Adroddiadau ym mhob awr o'r dydd, amser y DU.
chart-table = Y ffigurau: { $chart }
chart-when = Pryd
chart-reports = Adroddiadau
weekday-0 = Llun
weekday-1 = Maw
weekday-2 = Mer
weekday-3 = Iau
weekday-4 = Gwe
weekday-5 = Sad
weekday-6 = Sul
month-1 = Ionawr
month-2 = Chwefror
month-3 = Mawrth
month-4 = Ebrill
month-5 = Mai
month-6 = Mehefin
month-7 = Gorffennaf
month-8 = Awst
month-9 = Medi
month-10 = Hydref
month-11 = Tachwedd
month-12 = Rhagfyr
profile-places = Lleoedd dro ar ôl tro
profile-map-title = Map o gymdogaethau'r proffil
profile-map-description = Ffiniau wardiau'r cymdogaethau gyda { $count } o leoedd yr adroddwyd amdanynt fwy nag unwaith; mae cylch mwy yn golygu mwy o adroddiadau. Mae'r tabl yn rhestru'r un lleoedd.
profile-places-none = Ni adroddwyd am unrhyw le fwy nag unwaith.
profile-places-caption = Lleoedd yr adroddwyd amdanynt fwy nag unwaith (canol ardaloedd tua 165 metr ar draws)
profile-places-ward = Ward
profile-places-point = Lledred, hydred
profile-places-reports = Adroddiadau
profile-victims = Dioddefwyr dro ar ôl tro
profile-victims-none = Ni adroddodd unrhyw breswylydd â manylion cyswllt wedi'u cadarnhau fwy nag unwaith.
profile-victims-some = Adroddodd { $people } o drigolion fwy nag unwaith ({ $counts } adroddiad). Mae pwy ydynt ar eu hadroddiadau, i swyddogion sy'n cael ei weld.
profile-response-started = Dechreuodd yr ymateb ar { $date }.
profile-response-not-started = Nid yw'r ymateb wedi dechrau eto (mae'n dechrau pan fydd y proffil yn symud i Ymateb).
profile-actions = Camau gweithredu
profile-actions-none = Does dim camau gweithredu eto.
action-title = Cam gweithredu
action-owner = Perchennog
action-organisation = Sefydliad
action-organisation-csp = Y bartneriaeth ei hun
action-organisation-other = Sefydliad partner arall
action-owner-person = Y person sy'n gyfrifol
action-due = Erbyn
action-status = Statws
action-notes = Nodiadau
action-overdue = Yn hwyr
action-update = Diweddaru "{ $title }"
action-add = Ychwanegu cam gweithredu
assessment-process = A wnaed y camau gweithredu?
assessment-process-count = { $done } o { $total } cam wedi'u gwneud.
assessment-outcome = A weithiodd?
assessment-not-started = Mae'r hyb yn cyfrifo'r canlyniad unwaith y bydd yr ymateb wedi dechrau a chynifer o ddiwrnodau wedi mynd heibio ar ei ôl â'r ffenestr a ddewiswch.
assessment-not-over = Nid yw'r ffenestr ar ôl ({ $days } diwrnod o ddechrau'r ymateb) wedi dod i ben eto: bydd yr hyb yn cyfrifo'r canlyniad pan ddaw.
assessment-windows = { $days } diwrnod cyn yr ymateb ({ $before_from } i { $before_to }) o'i gymharu â { $days } diwrnod ar ôl ({ $after_from } i { $after_to }).
assessment-caption = Adroddiadau o gategorïau'r proffil cyn ac ar ôl yr ymateb
assessment-where = Ble
assessment-before = Cyn
assessment-after = Ar ôl
assessment-change = Newid
assessment-ratio = Cymhareb cyfradd
assessment-interval = Cyfwng hyder 95%
assessment-verdict = Beth mae'n ei ddangos
assessment-area = Cymdogaethau'r proffil
assessment-background = Gweddill y bartneriaeth
assessment-neighbours = Ardaloedd cyfagos
verdict-no-reports = Dim adroddiadau yn y naill ffenestr na'r llall
verdict-fell = Gostyngodd
verdict-rose = Cynyddodd
verdict-no-clear-change = Dim newid clir
assessment-relative = O'i gymharu â gweddill y bartneriaeth: { $ratio } (cyfwng 95% { $low } i { $high }): { $verdict }.
assessment-relative-none = Mae rhy ychydig o adroddiadau i gymharu'r ardal â gweddill y bartneriaeth.
assessment-displacement = Gostyngodd yr adroddiadau yma ond cynyddu yn yr ardaloedd cyfagos: efallai fod y broblem wedi symud yn hytrach na diflannu.
assessment-method = Cymhareb cyfradd = adroddiadau ar ôl ÷ adroddiadau cyn dros ffenestri cyfartal; mae'r cyfwng yn defnyddio'r dull log, gan ychwanegu hanner at bob cyfrif pan fydd un yn sero. Mae cyfwng sy'n gyfan gwbl o dan 1 yn ostyngiad clir.
assessment-edit = Newid dechrau'r ymateb, y ffenestr neu'r adolygiad o'r broses
assessment-started = Y diwrnod y dechreuodd yr ymateb
assessment-window = Diwrnodau i'w cymharu cyn ac ar ôl
assessment-window-days = { $days } diwrnod
assessment-process-review = Adolygiad o'r broses: beth a wnaed fel y cynlluniwyd, beth na wnaed, a pham
assessment-decide = Penderfynu
assessment-decision = Penderfyniad
assessment-decision-notes = Rhesymau dros y penderfyniad
assessment-outcome-en = Beth a ddywedir wrth drigolion, yn Saesneg
assessment-outcome-cy = Beth a ddywedir wrth drigolion, yn Gymraeg
assessment-outcome-hint = Caiff ei anfon at y trigolion y mae eu hadroddiadau wedi'u cysylltu, unwaith yr un ac yn eu hiaith, pan fydd y proffil yn cau; hefyd drafft y "dywedoch chi, gwnaethom ni" cyhoeddus. Dim enwau na manylion cyswllt.
assessment-record = Cofnodi'r penderfyniad
assessment-told = Beth a ddywedwyd wrth drigolion
profile-manage = Cam a rhannu
profile-move-stage = Cam
profile-move = Symud y proffil
profile-share = Rhannu â sefydliadau partner
profile-share-hint = Maen nhw'n gweld y proffil, ei ddadansoddiad a'i gamau gweithredu, ond nid yr eitemau cudd-wybodaeth.
profile-share-save = Cadw'r rhannu
profile-shared-with = Wedi'i rannu â: { $organisations }
profile-history = Hanes
change-opened = Agorwyd
change-terms = Newidiwyd y cylch gorchwyl
change-scanning = Newidiwyd datganiad y broblem
change-analysis = Newidiwyd y dadansoddiad
change-item-added = Cysylltwyd eitem cudd-wybodaeth
change-item-removed = Tynnwyd eitem cudd-wybodaeth
change-action-added = Ychwanegwyd cam gweithredu
change-action-updated = Diweddarwyd cam gweithredu
change-assessment = Newidiwyd yr asesiad
change-stage = Newidiwyd y cam
change-shared = Newidiwyd y rhannu
change-decided = Cofnodwyd penderfyniad
profile-done-opened = Mae'r proffil ar agor. Ewch drwy bob cam isod.
profile-done-saved = Wedi'i gadw.
profile-done-closed = Mae'r proffil ar gau ac mae'r trigolion yr oedd eu hadroddiadau'n rhan ohono wedi cael gwybod.
profile-error-stale = Newidiodd rhywun arall y proffil hwn ar ôl i chi ei agor. Ni chadwyd dim: gwiriwch y dudalen a gwnewch eich newid eto.
profile-error-title = Rhowch deitl.
profile-error-too-long = Mae maes yn rhy hir: cadwch bob un o dan 4,000 nod (teitlau 200).
profile-error-period = Rhowch y cyfnod fel dau ddyddiad, y cyntaf cyn yr ail, dim mwy na phum mlynedd ar wahân.
profile-error-neighbourhoods = Dewiswch o leiaf un o gymdogaethau'r bartneriaeth hon.
profile-error-categories = Dewiswch o leiaf un categori adroddiad.
profile-error-choice = Dewiswch un o'r opsiynau a roddir.
profile-error-item = Does dim eitem cudd-wybodaeth wedi'i graddio gan y bartneriaeth hon â'r cyfeirnod adroddiad hwnnw.
profile-error-organisation = Dewiswch un o sefydliadau'r bartneriaeth hon.
profile-error-due = Rhowch y dyddiad erbyn fel dyddiad.
profile-error-meeting-date = Rhowch ddyddiad y cyfarfod fel dyddiad go iawn, er enghraifft 2026-12-07. Cyfarfod heddiw yw'r dudalen isod.
profile-error-started = Rhowch y diwrnod y dechreuodd yr ymateb (nid yn y dyfodol) cyn symud i Asesu.
profile-error-outcome-required = Ysgrifennwch beth a ddywedir wrth drigolion yn Saesneg ac yn Gymraeg cyn cau.
profile-error-outcome-identifies = Rhaid i'r hyn a ddywedir wrth drigolion beidio ag enwi neb a adroddodd na rhoi eu manylion cyswllt. Tynnwch nhw allan a rhowch gynnig arall arni.
profile-error-closed = Mae'r proffil hwn ar gau ac ni ellir ei newid mwyach.
profile-error-not-started = Gwneir penderfyniadau yn y cam Asesu: symudwch y proffil yno yn gyntaf.
ysw-you-said = Dywedoch chi: { $count } adroddiad am { $categories } yn { $areas }.
ysw-we-did = Gwnaethom ni:
ysw-no-actions = Aethom ati i edrych ar hyn gyda'n partneriaid.
ysw-we-did-counted = Gwnaethom ni: { $count } cam gweithredu gyda'n partneriaid.
ysw-fell = Ers hynny, mae adroddiadau wedi gostwng { $percent }% ({ $before } cyn, { $after } ar ôl, dros yr un cyfnod o amser).
ysw-rose = Ers hynny, mae adroddiadau wedi cynyddu { $percent }% ({ $before } cyn, { $after } ar ôl): rydym yn dal ati.
ysw-no-clear-change = Adroddiadau ers hynny: { $after }, o'i gymharu â { $before } cyn, dros yr un cyfnod o amser.
email-problem-closed-subject = Beth a wnaed am y broblem a adroddwyd gennych ({ $reference })
email-problem-closed-body =
    Diolch am eich adroddiad { $reference }. Roedd yn rhan o broblem y bu'r bartneriaeth diogelwch cymunedol a'i phartneriaid yn gweithio arni gyda'i gilydd. Dyma beth a wnaed:

    { $outcome }

    Gallwch ddal i ddilyn eich adroddiad gyda'r ddolen yn eich e-bost cyntaf.
audit-action-problem-viewed-by-partner = Partner wedi gweld proffil problem
audit-action-problem-closed = Proffil problem wedi'i gau
audit-action-report-viewed = Darllen adroddiad
audit-action-case-review-viewed = Darllen adolygiad achos a manylion yr ymgeisydd
audit-action-problem-shared = Proffil problem wedi'i rannu â sefydliadau partner
audit-action-api-key-revoked = Dirymwyd allwedd API
audit-action-account-deactivated = Dadactifadwyd cyfrif

## Tasgio, strategaeth reoli, asesiad strategol
tasking-title = Cyfarfod tasgio
tasking-date = Dyddiad y cyfarfod
tasking-open = Dangos yr agenda
tasking-earlier = Cyfarfodydd cynharach:
tasking-meeting-on = Cyfarfod ar { $date }. Newydd ers { $since }.
tasking-suggestions = 1. Problemau newydd a awgrymir
tasking-profiles = 2. Proffiliau problem agored, yn ôl blaenoriaeth
tasking-profile-actions = { $open } cam agored, { $overdue } yn hwyr
tasking-overdue = 3. Camau gweithredu sy'n hwyr
tasking-overdue-none = Does dim cam gweithredu'n hwyr.
tasking-items = 4. Cudd-wybodaeth a raddiwyd ers y cyfarfod diwethaf ({ $count })
tasking-items-none = Ni raddiwyd unrhyw gudd-wybodaeth ers y cyfarfod diwethaf.
tasking-in-profile = yn { $reference }
tasking-record = Cofnod y cyfarfod
tasking-attendees = Yn bresennol
tasking-decisions = Penderfyniadau
tasking-save = Cadw'r cofnod
tasking-new-action = Cam gweithredu newydd o'r cyfarfod
tasking-done-action = Mae'r cam gweithredu wedi'i ychwanegu at y proffil a'i gofnodi ym mhenderfyniadau'r cyfarfod.
tasking-action-line = Cam gweithredu ar gyfer { $reference }: { $title } { $owner }{ $due }
strategy-title = Strategaeth reoli
strategy-intro = Blaenoriaethau'r bartneriaeth o ran atal, cudd-wybodaeth, gorfodi a thawelu meddwl, a'r proffiliau problem sy'n gwasanaethu pob un.
strategy-none = Does dim blaenoriaethau wedi'u gosod eto.
strategy-strand-none = Does dim blaenoriaethau o dan y pennawd hwn.
strategy-no-profiles = Does dim proffil problem yn gwasanaethu'r flaenoriaeth hon eto.
strategy-served-by = Yn cael ei gwasanaethu gan:
strategy-unlink = Tynnu { $reference } o'r flaenoriaeth hon
strategy-link-label = Proffil sy'n gwasanaethu "{ $priority }"
strategy-link = Cysylltu'r proffil
strategy-remove = Dileu'r flaenoriaeth "{ $priority }"
strategy-add = Ychwanegu blaenoriaeth
strategy-strand = Pennawd
strategy-priority = Blaenoriaeth
strategy-description = Disgrifiad
sa-title = Asesiadau strategol
sa-intro = Bob chwarter mae'r hyb yn drafftio'r asesiad strategol o'r data; mae dadansoddwr yn ei olygu a'i gyhoeddi. Cedwir fersiynau cyhoeddedig fel yr oeddent.
sa-none = Does dim asesiad strategol wedi'i ddrafftio eto.
sa-quarter = Chwarter
sa-year = Blwyddyn
sa-version = Fersiwn
sa-status = Statws
sa-changed = Newidiwyd ddiwethaf
sa-draft = Drafft
sa-published-on = Cyhoeddwyd { $date }
sa-draft-new = Drafftio asesiad
sa-draft-hint = Mae'r hyb yn cyfrif adroddiadau'r chwarter o'u cymharu â'r chwarter blaenorol a'r un chwarter y llynedd, yn canfod beth sy'n dod i'r amlwg, ac yn casglu canlyniadau'r proffiliau a gaewyd a'r bylchau cudd-wybodaeth. Dim ond chwarteri sydd wedi dod i ben y gellir eu drafftio.
sa-draft-button = Ei ddrafftio o'r data
sa-heading = Asesiad strategol { $quarter }: { $partnership }
sa-version-draft = Fersiwn { $version }, drafft, newidiwyd ddiwethaf { $date }.
sa-version-published = Fersiwn { $version }, cyhoeddwyd { $date } gan { $who }.
sa-versions = Fersiynau:
sa-version-link-draft = { $version } (drafft)
sa-version-link-published = { $version } (cyhoeddedig)
sa-figures = Adroddiadau yn ôl math o broblem
sa-family = Math o broblem
sa-this-quarter = Y chwarter hwn
sa-previous-quarter = Y chwarter blaenorol
sa-last-year = Yr un chwarter y llynedd
sa-change = Newid
sa-summary-heading = Crynodeb
sa-top-heading = Y prif broblemau a'u tuedd
sa-emerging-heading = Materion sy'n dod i'r amlwg
sa-outcomes-heading = Canlyniadau'r proffiliau problem a gaewyd y chwarter hwn
sa-gaps-heading = Bylchau cudd-wybodaeth
sa-recommendations-heading = Argymhellion
sa-save = Cadw'r drafft
sa-publish = Cyhoeddi
sa-revise = Dechrau drafft newydd o'r fersiwn hon
sa-done-drafted = Mae'r hyb wedi drafftio'r asesiad. Gwiriwch a golygwch bob adran, yna ei gyhoeddi.
sa-done-published = Wedi'i gyhoeddi. Ni fydd y fersiwn hon yn newid; dechreuwch ddrafft newydd i'w diwygio.
sa-error-published = Mae'r fersiwn hon eisoes wedi'i chyhoeddi ac ni ellir ei newid. Dechreuwch ddrafft newydd ohoni.
sa-error-quarter = Dewiswch chwarter sydd wedi dod i ben.
sa-summary = Yn { $quarter } cafodd y bartneriaeth { $count } adroddiad: { $previous } o'i gymharu â'r chwarter blaenorol, a { $year_ago } o'i gymharu â'r un chwarter y llynedd. Caewyd { $closed } proffil problem yn y chwarter; mae { $open } ar agor.
sa-top-line = { $rank }. { $family }: { $count } adroddiad ({ $previous } o'i gymharu â'r chwarter blaenorol; { $year_ago } o'i gymharu â'r un chwarter y llynedd).
sa-trend-fell = i lawr { $percent }%, gostyngiad clir
sa-trend-rose = i fyny { $percent }%, cynnydd clir
sa-trend-unclear = { $percent }%, dim newid clir
sa-trend-new = dim o'r blaen
sa-emerging-line = { $family } yn { $area }: { $count } adroddiad, o'i gymharu â { $before } y chwarter blaenorol (cymhareb cyfradd { $ratio }, cyfwng 95% { $low } i { $high }).
sa-emerging-none = Ni chododd dim yn glir o'i gymharu â'r chwarter blaenorol.
sa-outcome-line = { $reference } { $title }: { $before } adroddiad cyn yr ymateb a { $after } ar ei ôl ({ $trend }).
sa-outcome-unmeasured = { $reference } { $title }: wedi'i gau cyn y gellid mesur ei ganlyniad.
sa-outcomes-none = Ni chaewyd unrhyw broffil problem y chwarter hwn.
sa-gaps-none = Does dim bylchau cudd-wybodaeth wedi'u cofnodi mewn proffiliau agored.
sa-recommend-profile = Ystyriwch broffil problem ar gyfer { $family } yn { $area }.
sa-recommend-strategy = Gwiriwch fod gan y strategaeth reoli flaenoriaeth ar gyfer { $family }, y broblem yr adroddir amdani fwyaf yn y bartneriaeth.
sa-recommend-gaps = Rhowch dasg i bartneriaid i lenwi'r bylchau cudd-wybodaeth a restrir uchod.
sa-top-none = Ni dderbyniwyd unrhyw adroddiadau y chwarter hwn.
problems-suggestions-more = Ni restrir { $count } o awgrymiadau gwannach.

# Finding a report by its reference, on the intake queue.
intake-find-label = Dod o hyd i adroddiad drwy ei gyfeirnod
intake-find-region = Dod o hyd i adroddiad
intake-find-hint = Er enghraifft, CYM-26-000123. Does dim ots am briflythrennau, bylchau na sero ar y dechrau.
intake-find = Dod o hyd iddo
intake-find-found = Dangosir adroddiad { $reference } isod, beth bynnag yw ei statws.
intake-find-none = Does dim adroddiad { $reference } yn { $csp }. Gwiriwch y cyfeirnod gyda phwy bynnag a'i rhoddodd.
intake-find-invalid = Nid yw “{ $typed }” yn gyfeirnod adroddiad. Mae cyfeirnodau'n edrych fel CYM-26-000123.
intake-find-whole-queue = Dangos y ciw cyfan

# A form refused because someone else saved first, kept as typed.
form-stale-kept = Roedd rhywun arall wedi cadw newid yma tra oeddech chi'n gweithio, felly ni chafodd eich newid chi ei gadw. Mae'r hyn a deipiwyd gennych yn ôl yn y ffurflen isod: cymharwch ef â'r hyn sydd wedi'i gadw nawr, yna cadwch eto.
form-stale-compare = Gweld beth sydd wedi'i gadw nawr (yn agor mewn tab newydd)

# Engagement (issue 13): shared messages. Each part adds its messages in its own block below.
engagement-done-saved = Wedi'i gadw.
survey-done-saved = Mae eich atebion hyd yma wedi'u cadw.
survey-error-unavailable = Mae'n ddrwg gennym, nid oedd modd cadw eich atebion ar hyn o bryd. Nid oes dim a deipiwyd gennych wedi'i golli: rhowch gynnig arall arni ymhen munud.

# Engagement: campaigns, the partnership calendar and the survey builder.
nav-engagement = Ymgyrchoedd ymgysylltu
audit-action-campaign-planned = Cynlluniwyd ymgyrch
audit-action-campaign-changed = Newidiwyd ymgyrch
audit-action-campaign-status-changed = Newidiwyd statws ymgyrch
audit-action-survey-changed = Newidiwyd drafft arolwg
audit-action-survey-published = Cyhoeddwyd arolwg
engagement-title = Ymgyrchoedd ymgysylltu
engagement-intro = Cynlluniwch ymgyrchoedd gyda thrigolion, gymdogaeth wrth gymdogaeth, a gweld pob ymgyrch gan y bartneriaeth ar un calendr fel nad yw dau dîm yn holi'r un strydoedd yn yr un mis.
engagement-campaigns = Ymgyrchoedd
engagement-none = Nid oes ymgyrchoedd wedi'u cynllunio eto.
engagement-problem-heading = Mae problem
campaign-page-title = Ymgyrch
campaign-title = Ymgyrch
campaign-title-en = Teitl yn Saesneg
campaign-title-cy = Teitl yn Gymraeg
campaign-purpose = Diben
campaign-purpose-en = Diben yn Saesneg
campaign-purpose-cy = Diben yn Gymraeg
campaign-where = Cymdogaethau
campaign-where-hint = Ticiwch ardal gyfan y bartneriaeth, neu un gymdogaeth neu fwy.
campaign-whole-csp = Ardal gyfan y bartneriaeth
campaign-when = Dyddiadau
campaign-period = { $from } i { $to }
campaign-status = Statws
campaign-status-planned = Wedi'i chynllunio
campaign-status-open = Ar agor
campaign-status-closed = Wedi cau
campaign-status-reported = Adroddwyd
campaign-status-now = Statws yr ymgyrch hon: { $status }.
campaign-status-final = Mae'r canlyniadau wedi'u hadrodd: mae'r ymgyrch wedi gorffen ac nid yw'n newid mwyach.
campaign-move-open = Agor yr ymgyrch
campaign-move-reopen = Agor yr ymgyrch eto
campaign-move-close = Cau'r ymgyrch
campaign-move-reported = Nodi bod y canlyniadau wedi'u hadrodd
campaign-channels = Sianeli
campaign-channel-online-survey = Arolwg ar-lein
campaign-channel-street-briefing = Sesiwn friffio ar y stryd
campaign-channel-have-a-say-day = Diwrnod dweud eich dweud
campaign-channel-door-to-door = O ddrws i ddrws
campaign-channel-public-meeting = Cyfarfod cyhoeddus
campaign-channel-kin-questionnaire = Holiadur y Rhwydwaith Unigolion Allweddol
campaign-starts = Diwrnod cyntaf
campaign-ends = Diwrnod olaf
campaign-owner = Perchennog
campaign-policy = Un ymateb i bob person
campaign-policy-open = Agored: unrhyw un, mor aml ag y mynnant (ciosg neu lechen a rennir)
campaign-policy-one-per-device = Un i bob dyfais
campaign-policy-one-per-email = Un i bob cyfeiriad e-bost wedi'i wirio
campaign-policy-one-per-link = Un i bob dolen bersonol (Rhwydwaith Unigolion Allweddol)
campaign-results-due = Cyhoeddi'r canlyniadau erbyn
campaign-results-due-hint = Dywedir y dyddiad hwn wrth drigolion pan fyddant yn ateb. Gadewch yn wag os nad yw'n hysbys eto.
campaign-results-due-none = Heb ei osod eto
campaign-address = Mae trigolion yn ateb yn
campaign-details = Manylion
campaign-plan = Cynllunio ymgyrch
campaign-plan-hint = Caniateir cynllunio ymgyrch sy'n cwmpasu cymdogaeth mewn mis y mae ymgyrch arall yn ei gwmpasu: mae tudalen yr ymgyrch a'r calendr yn dweud hynny, fel y gall y timau gytuno rhyngddynt.
campaign-plan-button = Cynllunio'r ymgyrch
campaign-edit = Newid yr ymgyrch
campaign-save = Cadw'r newidiadau
campaign-overlap-tag = yn gorgyffwrdd
campaign-overlap-heading = Mae'r ymgyrch hon yn gorgyffwrdd ag eraill
campaign-overlap-intro = Mae ymgyrch arall gan y bartneriaeth yn cwmpasu'r un gymdogaeth yn yr un mis. Cytunwch â'i pherchennog pwy sy'n holi pwy, neu newidiwch y dyddiadau:
campaign-survey-heading = Arolwg a chanlyniadau
campaign-survey-none = Nid oes arolwg gan yr ymgyrch hon eto.
campaign-survey-draft = Drafft yw'r arolwg, gyda { $questions } cwestiwn; nid yw wedi'i gyhoeddi.
campaign-survey-published = Mae fersiwn { $version } o'r arolwg wedi'i chyhoeddi; mae gan y drafft { $questions } cwestiwn.
campaign-link-builder = Llunio'r arolwg
campaign-link-residents = Tudalen yr arolwg i drigolion
campaign-link-enter = Rhoi ymatebion o sgyrsiau wyneb yn wyneb
campaign-link-paper = Fersiwn bapur i'w hargraffu
campaign-link-import = Mewnforio ymatebion papur wedi'u teipio
campaign-link-results = Canlyniadau
campaign-link-coding = Codio'r atebion ysgrifenedig
campaign-link-export = Llwytho'r atebion dienw i lawr (CSV)
campaign-link-reach = Cyrhaeddiad: pwy sydd wedi ateb
campaign-done-planned = Mae'r ymgyrch wedi'i chynllunio.
campaign-done-saved = Mae newidiadau'r ymgyrch wedi'u cadw.
campaign-done-status = Mae statws yr ymgyrch wedi newid.
campaign-error-title = Rhowch deitl i'r ymgyrch yn Saesneg ac yn Gymraeg.
campaign-error-too-long = Gall teitl fod hyd at 200 nod a diben hyd at 4,000.
campaign-error-neighbourhoods = Dewiswch ardal gyfan y bartneriaeth neu o leiaf un o'i chymdogaethau.
campaign-error-channels = Dewiswch o leiaf un sianel.
campaign-error-dates = Rhowch y diwrnod cyntaf a'r diwrnod olaf fel dyddiadau.
campaign-error-order = Ni all y diwrnod olaf ddod cyn y diwrnod cyntaf.
campaign-error-period = Gall ymgyrch bara hyd at ddwy flynedd.
campaign-error-results-due = Rhaid i ddiwrnod cyhoeddi'r canlyniadau fod yn ddyddiad ar y diwrnod cyntaf neu wedyn.
campaign-error-owner = Dewiswch berchennog o'r rhestr.
campaign-error-policy = Dewiswch sut y cedwir un ymateb i bob person.
campaign-error-stale = Newidiodd rhywun arall yr ymgyrch hon tra oeddech chi'n gweithio, felly ni chadwyd eich newid.
campaign-error-reported = Mae canlyniadau'r ymgyrch wedi'u hadrodd: nid yw'n newid mwyach.
campaign-error-status = Ni all yr ymgyrch symud i'r statws hwnnw o'r man lle mae.
campaign-error-needs-survey = Cyhoeddwch arolwg yr ymgyrch cyn agor yr ymgyrch.
calendar-title = Calendr y bartneriaeth
calendar-intro = Pob ymgyrch gan y bartneriaeth fesul cymdogaeth a mis. Mae mis lle mae dwy ymgyrch neu fwy yn cwmpasu'r un gymdogaeth wedi'i nodi'n "Gorgyffwrdd".
calendar-caption = Ymgyrchoedd fesul cymdogaeth, { $from } i { $to }
calendar-neighbourhood = Cymdogaeth
calendar-overlap = Gorgyffwrdd
calendar-earlier = Misoedd cynharach
calendar-later = Misoedd diweddarach
builder-title = Lluniwr arolygon
builder-heading = Arolwg: { $campaign }
builder-intro = Lluniwch y cwestiynau y mae trigolion yn eu hateb. Mae angen Cymraeg ar bob cwestiwn, dewis a thestun cymorth cyn y gellir cyhoeddi'r arolwg. Nid yw fersiwn a gyhoeddwyd byth yn newid: gwneir newidiadau ar ôl cyhoeddi i'r drafft a'u cyhoeddi fel fersiwn newydd.
builder-start-heading = Dechrau'r arolwg
builder-none = Nid oes arolwg gan yr ymgyrch hon eto.
builder-start = Dechrau arolwg gwag
builder-poll-heading = Pôl blaenoriaethau'r gymdogaeth
builder-poll-hint = Pôl parod: mae trigolion yn dewis hyd at dri o gategorïau adrodd y bartneriaeth, yn eu trefn, ar gyfer eu ward, ac yna'n ychwanegu manylion. Mae gan bôl pob partneriaeth yr un cwestiynau, felly gellir cymharu blaenoriaethau rhwng cymdogaethau.
builder-poll = Defnyddio pôl blaenoriaethau'r gymdogaeth
builder-publish-heading = Cyhoeddi
builder-unpublished = Nid oes fersiwn wedi'i chyhoeddi eto.
builder-version = Fersiwn { $version }, cyhoeddwyd { $date }
builder-preview = Rhagolwg o'r drafft fel y bydd trigolion yn ei weld:
builder-preview-en = yn Saesneg
builder-preview-cy = yn Gymraeg
builder-ready = Nid oes dim yn atal cyhoeddi'r drafft.
builder-problems-count = { $count ->
    [one] Mae un peth yn atal cyhoeddi'r drafft: gweler y cwestiwn a nodir isod.
   *[other] Mae { $count } peth yn atal cyhoeddi'r drafft: gweler y cwestiynau a nodir isod.
}
builder-publish-hint = Mae cyhoeddi'n gwneud fersiwn newydd o'r drafft; nid yw fersiynau a gyhoeddwyd eisoes yn newid.
builder-publish = Cyhoeddi'r drafft
builder-dates-heading = Pryd y gall trigolion ateb
builder-opens = Yn agor ar
builder-closes = Yn cau ar ddiwedd
builder-dates-save = Cadw'r dyddiadau
builder-questions = Cwestiynau
builder-no-questions = Nid oes cwestiynau eto.
builder-question-heading = Cwestiwn { $number }: { $kind }
builder-question-problems = Cyn cyhoeddi:
builder-question-save = Cadw'r cwestiwn
builder-required = Mae angen ateb
builder-options = Dewisiadau
builder-option-en = Dewis { $number } yn Saesneg
builder-option-cy = Dewis { $number } yn Gymraeg
builder-max-choices = Dim mwy na hyn o ddewisiadau
builder-max-choices-hint = Gadewch yn wag am ddim terfyn (mae trefnu wedyn yn trefnu pob dewis).
builder-condition = Gofyn y cwestiwn hwn
builder-condition-always = Bob amser
builder-condition-choice = Dim ond pan atebir cwestiwn { $number } â “{ $answer }”
builder-words-en = { $what } yn Saesneg
builder-words-cy = { $what } yn Gymraeg
builder-move-up = Symud cwestiwn { $number } i fyny
builder-move-down = Symud cwestiwn { $number } i lawr
builder-option-add = Ychwanegu dewis at gwestiwn { $number }
builder-option-remove = Tynnu dewis { $option } o gwestiwn { $number }
builder-remove = Tynnu cwestiwn { $number }
builder-add-heading = Ychwanegu cwestiwn
builder-kind = Math o gwestiwn
builder-add = Ychwanegu'r cwestiwn
builder-kind-single = Un dewis
builder-kind-multiple = Sawl dewis
builder-kind-rating = Sgôr o 1 i 5
builder-kind-ranking = Trefnu
builder-kind-free-text = Testun rhydd
builder-kind-place = Lle (ward)
builder-part-text = Y cwestiwn
builder-part-help = Y testun cymorth
builder-part-low = Y geiriau ar gyfer 1
builder-part-high = Y geiriau ar gyfer 5
builder-part-option = Dewis { $number }
builder-problem-no-questions = Nid oes gan yr arolwg gwestiynau eto.
builder-problem-too-many = Gall arolwg fod â hyd at { $most } cwestiwn.
builder-problem-repeated-key = Mae gan ddau gwestiwn yr un allwedd.
builder-problem-missing-english = { $part }: mae'r Saesneg ar goll.
builder-problem-missing-welsh = { $part }: mae'r Gymraeg ar goll.
builder-problem-too-long = { $part }: hyd at { $most } nod.
builder-problem-options = Mae angen rhwng 2 a { $most } dewis ar gwestiwn dewis neu drefnu.
builder-problem-repeated-option = Mae gan ddau ddewis yr un allwedd.
builder-problem-max-choices = Rhaid i “Dim mwy na” fod rhwng 1 a nifer y dewisiadau.
builder-problem-condition = Gofynnir y cwestiwn dim ond ar ôl ateb nad yw'n ddewis mewn cwestiwn dewis cynharach: dewiswch un arall, neu bob amser.
builder-preview-title = Rhagolwg o'r arolwg
builder-preview-draft = Dyma'r drafft, fel y bydd trigolion yn ei weld unwaith y caiff ei gyhoeddi. Ni ellir ateb dim yma.
builder-preview-version = Dyma fersiwn { $version } a gyhoeddwyd, fel y mae trigolion yn ei gweld. Ni ellir ateb dim yma.
builder-preview-required = (gofynnol)
builder-preview-condition = Gofynnir pan atebir cwestiwn { $number } â “{ $answer }”.
builder-preview-rank = Dewis { $number }
builder-preview-choose = Dewiswch…
builder-done-started = Mae'r arolwg wedi'i ddechrau.
builder-done-saved = Mae drafft yr arolwg wedi'i gadw.
builder-done-published = Mae'r arolwg wedi'i gyhoeddi fel fersiwn newydd.
builder-error-stale = Newidiodd rhywun arall yr arolwg hwn tra oeddech chi'n gweithio, felly ni chadwyd eich newid.
builder-error-exists = Mae gan yr ymgyrch hon arolwg eisoes.
builder-error-none = Dechreuwch yr arolwg yn gyntaf.
builder-error-question = Nid yw'r cwestiwn neu'r dewis hwnnw yn yr arolwg mwyach.
builder-error-kind = Dewiswch fath o gwestiwn o'r rhestr.
builder-error-too-many-questions = Gall arolwg fod â hyd at 60 cwestiwn.
builder-error-too-many-options = Gall cwestiwn fod â hyd at 30 dewis.
builder-error-too-long = Gall testun cwestiwn, cymorth a dewis fod hyd at 1,000 nod.
builder-error-max-choices = Rhaid i “Dim mwy na” fod yn rhif cyfan o 1, neu'n wag.
builder-error-condition = Dim ond ar ateb cwestiwn un dewis neu sawl dewis cynharach y gall cwestiwn ddibynnu.
builder-error-dates = Rhowch y diwrnodau agor a chau fel dyddiadau, gyda'r cau ar y diwrnod agor neu wedyn.
builder-error-problems = Ni ellir cyhoeddi'r arolwg eto: cywirwch yr hyn a nodir wrth bob cwestiwn.
builder-error-missing-welsh = Ni ellir cyhoeddi'r arolwg nes bod Cymraeg gan bob cwestiwn, dewis a thestun cymorth: gweler yr hyn a nodir wrth bob cwestiwn.
builder-error-reported = Mae canlyniadau'r ymgyrch wedi'u hadrodd: nid yw ei harolwg yn newid mwyach.
poll-priorities = Pa faterion y dylai'r bartneriaeth ymdrin â nhw gyntaf lle rydych chi'n byw?
poll-priorities-help = Dewiswch hyd at dri, y pwysicaf yn gyntaf.
poll-place = Ym mha ward ydych chi'n byw?
poll-detail = Dywedwch fwy wrthym: ble, pryd, a sut mae'n effeithio arnoch chi (dewisol). Peidiwch ag enwi neb, os gwelwch yn dda.
# Ymateb (issue 13): trigolion yn ateb arolwg, staff yn cofnodi, y fersiwn bapur, mewnforio.
survey-title = Dweud eich dweud
survey-not-yet-open = Mae'r arolwg hwn yn agor ar { $date }. Dewch yn ôl bryd hynny.
survey-closed = Caeodd yr arolwg hwn ar { $date }. Diolch i bawb a atebodd.
survey-not-ready = Nid yw'r arolwg hwn yn barod eto. Dewch yn ôl yn nes ymlaen.
survey-needs-link = Caiff yr arolwg hwn ei ateb drwy ddolen bersonol a anfonwyd gan y bartneriaeth. Os oeddech yn disgwyl un a heb ddod o hyd iddi, cysylltwch â'r bartneriaeth.
survey-link-invalid = Nid yw'r ddolen hon yn gweithio. Gwiriwch eich bod wedi copïo'r cyfan, neu gofynnwch i'r bartneriaeth am un newydd.
survey-answered = Rydych eisoes wedi ateb yr arolwg hwn. Diolch: dim ond un ateb i bob person sy'n cael ei gyfrif.
survey-results-due = Bydd y canlyniadau'n cael eu cyhoeddi erbyn { $date }.
survey-results-later = Bydd y canlyniadau'n cael eu cyhoeddi ar ôl i'r arolwg gau.
survey-step = Rhan { $number } o hyd at { $count }.
survey-closes = Mae'r arolwg yn cau ar { $date }.
survey-resume = Mae eich atebion hyd yma wedi'u cadw. Cadwch y ddolen breifat hon i orffen yn nes ymlaen (gall unrhyw un sydd â hi weld eich atebion nes i chi eu hanfon):
survey-back = Yn ôl
survey-next = Cadw a pharhau
survey-send = Anfon fy atebion
survey-optional = (dewisol)
survey-choose-up-to = Dewiswch hyd at { $max }.
survey-no-choice = Dim dewis
survey-choose-ward = Dewiswch ward
survey-rank-1 = Dewis cyntaf
survey-rank-2 = Ail ddewis
survey-rank-3 = Trydydd dewis
survey-rank-n = Dewis rhif { $n }
survey-error-required = Atebwch y cwestiwn hwn.
survey-error-unknown-choice = Dewiswch un o'r atebion a restrir.
survey-error-too-many = Peidiwch â dewis mwy na { $max }.
survey-error-repeated-rank = Dewiswch bob ateb unwaith yn unig.
survey-error-out-of-range = Dewiswch rif o 1 i 5.
survey-error-too-long = Mae eich ateb yn rhy hir: defnyddiwch ddim mwy na { $max } nod.
survey-error-unknown-place = Dewiswch ward o'r rhestr.
survey-error-answers = Mae angen cywiro rhai atebion: gweler y negeseuon wrth bob cwestiwn.
survey-error-answered = Dim ond un ateb i bob person sy'n cael ei gyfrif, ac mae eich un chi eisoes wedi dod i law.
survey-error-rate-limited = Mae gormod o atebion wedi'u hanfon o'r cysylltiad hwn yn yr awr ddiwethaf. Rhowch gynnig arall arni yn nes ymlaen.
survey-error-email = Rhowch gyfeiriad e-bost fel enw@enghraifft.cymru.
survey-done-sent = Os gall y cyfeiriad hwnnw ateb yr arolwg hwn, rydym wedi anfon dolen bersonol ato. Edrychwch ar eich e-bost (a'ch ffolder sbam), yna agorwch y ddolen i ateb.
survey-done-copied = Mae copi o'ch atebion ar ei ffordd i'ch e-bost.
survey-email-intro = Er mwyn cadw at un ateb i bob person, caiff yr arolwg hwn ei ateb drwy ddolen bersonol. Rhowch eich cyfeiriad e-bost a byddwn yn anfon un atoch. Dim ond ffurf wedi'i chodio o'ch cyfeiriad a gadwn, na ellir ei throi'n ôl yn gyfeiriad, byth y cyfeiriad ei hun.
survey-email-hint = Dim ond i anfon y ddolen y byddwn yn ei ddefnyddio.
survey-email-send = Anfonwch ddolen ataf
survey-link-email-subject = Eich dolen i ateb: { $title }
survey-link-email-body = Diolch am gymryd rhan yn “{ $title }”.

    Agorwch y ddolen bersonol hon i ateb yr arolwg. Mae'n gweithio unwaith, i chi yn unig: peidiwch â'i rhannu.
    { $link }

    Os na wnaethoch ofyn am hyn, gallwch anwybyddu'r e-bost hwn.
survey-thanks-title = Diolch
survey-thanks = Mae eich atebion i “{ $title }” wedi dod i law.
survey-next-heading = Beth sy'n digwydd nesaf
survey-next-body = Mae'r bartneriaeth yn darllen pob ateb ynghyd â'r rhai o sesiynau stryd, cyfarfodydd a ffurflenni papur. Mae'r hyn a ddywedoch wrthym yn helpu i benderfynu ar y blaenoriaethau i'ch cymdogaeth. Nid yw eich atebion wedi'u cysylltu â'ch enw.
survey-copy-heading = Cael copi o'ch atebion
survey-copy-hint = Dim ond os ydych eisiau un. Dim ond i anfon y copi y byddwn yn defnyddio eich cyfeiriad, ac nid ydym yn ei gadw.
survey-copy-send = Anfonwch gopi ataf
survey-copy-subject = Eich atebion: { $title }
survey-copy-body = Diolch am ateb “{ $title }”. Dyma'r atebion a anfonoch.

    { $answers }

    { $results }
survey-home = Yn ôl i'r hafan
responding-channel-online = Ar-lein
responding-channel-street-briefing = Sesiwn stryd
responding-channel-have-a-say-day = Diwrnod dweud eich dweud
responding-channel-door-to-door = O ddrws i ddrws
responding-channel-public-meeting = Cyfarfod cyhoeddus
responding-channel-kin = Rhwydwaith Unigolion Allweddol
responding-channel-paper = Ffurflen bapur
entry-title = Cofnodi ymateb
entry-heading = Cofnodi ymateb: { $title }
entry-no-survey = Nid oes gan yr ymgyrch hon arolwg wedi'i gyhoeddi eto.
entry-paper-link = Fersiwn bapur i'w hargraffu
entry-import-link = Mewnforio ymatebion papur (CSV)
entry-how = Sut y rhoddwyd yr ymateb
entry-channel = Sianel
entry-language = Iaith yr ymateb
entry-ward = Cymdogaeth (ward)
entry-tablet = Modd llechen a rennir: clirio'r ffurflen ar ôl pob ymatebydd a dangos dim o'r un olaf
entry-save = Cadw'r ymateb hwn
entry-recent = Yr ymatebion diweddaraf
entry-recent-caption = Yr ymatebion diweddaraf i'r ymgyrch hon, y mwyaf newydd yn gyntaf
entry-recent-none = Dim ymatebion eto.
entry-flagged = { $count ->
        [zero] Nid oes yr un ymateb wedi'i nodi fel dyblygiad posibl o un cynharach o sianel arall.
        [one] Mae 1 ymateb wedi'i nodi fel dyblygiad posibl o un cynharach o sianel arall.
       *[other] Mae { $count } o ymatebion wedi'u nodi fel dyblygiadau posibl o rai cynharach o sianel arall.
    }
entry-response = Ymateb
entry-when = Wedi dod i law
entry-by = Cofnodwyd gan
entry-by-resident = Y preswylydd
entry-duplicate = Nodyn
entry-possible-duplicate = Dyblygiad posibl o #{ $id }
entry-done-entered = Cadwyd yr ymateb. Mae'r ffurflen yn glir i'r person nesaf.
entry-error-answers = Ni chadwyd yr ymateb: mae angen cywiro rhai atebion (gweler pob cwestiwn).
entry-error-channel = Dewiswch sut y rhoddwyd yr ymateb.
paper-title = Fersiwn bapur
paper-print-hint = Argraffwch y dudalen hon (mae'n argraffu heb ddewislenni'r wefan). Mae pob cwestiwn yn Saesneg ac yn Gymraeg.
paper-ranking = Rhifwch eich { $count } uchaf mewn trefn (1 i'r pwysicaf).
paper-only-if = Atebwch dim ond os yw eich ateb i { $question } yn berthnasol.
import-title = Mewnforio ymatebion papur
import-heading = Mewnforio ymatebion papur: { $title }
import-intro = Llwythwch ffeil CSV o ffurflenni papur fel y'u teipiwyd: rhes bennawd yn enwi allweddi'r cwestiynau isod, yna un rhes i bob ffurflen. Ar gyfer sawl ateb neu drefn blaenoriaeth, gwahanwch allweddi'r atebion â hanner colon (;), y drefn mewn trefn. Ar gyfer lle, rhowch god y ward. Mae'r golofn iaith (en neu cy) yn ddewisol. Caiff pob rhes ei gwirio'n gyntaf: os oes camgymeriad mewn unrhyw res, ni chaiff dim ei fewnforio.
import-file = Ffeil CSV
import-file-hint = UTF-8, gyda rhes bennawd.
import-submit = Gwirio a mewnforio
import-back = Yn ôl i gofnodi ymatebion
import-done = Mewnforiwyd yr ymatebion papur.
import-counts = { $count } wedi'u mewnforio; { $flagged } wedi'u nodi fel dyblygiadau posibl.
import-error = Ni fewnforiwyd dim. Cywirwch y rhesi hyn a llwythwch y ffeil eto:
import-line = Llinell { $line }:
import-error-unreadable = nid yw hon yn ffeil CSV mewn UTF-8.
import-error-empty = nid oes ymatebion yn y ffeil.
import-error-too-many = mae mwy na { $max } o ymatebion yn y ffeil: rhannwch hi.
import-error-column = nid yw'r golofn “{ $column }” yn gwestiwn yn yr arolwg hwn.
import-error-repeated-column = mae'r golofn “{ $column }” yn ymddangos ddwywaith.
import-error-cells = nid oes gan y rhes hon un gell i bob colofn.
import-error-language = rhaid i'r iaith fod yn en neu cy.
import-equality-heading = Colofnau monitro cydraddoldeb dewisol
import-equality-intro = Ychwanegwch unrhyw un o'r colofnau hyn, wedi'u henwi fel y dangosir, ar gyfer y cwestiynau monitro cydraddoldeb a ofynnodd y ffurflen. Mae pob cell yn un o'r codau a restrir (prefer_not_to_say hefyd) neu'n wag pan hepgorwyd y cwestiwn. Cedwir yr atebion ar wahân i atebion yr arolwg, fel atebion ar-lein.
import-equality-postcode = hanner cyntaf cod post (CF24), neu god post cyfan (dim ond ei hanner cyntaf a gedwir), neu prefer_not_to_say
audit-action-response-entered = Ymateb i arolwg wedi'i gofnodi gan staff
audit-action-responses-imported = Ymatebion papur i arolwg wedi'u mewnforio

# Engagement (issue 13), reach: equality monitoring questions. The census categories are the
# ONS's Census 2021 Welsh wording; the questions and other options are this project's translation.
equality-legend = Amdanoch chi (dewisol)
equality-intro = Mae'r cwestiynau hyn yn ein helpu i wirio ein bod yn clywed gan bawb yn y gymuned. Mae pob cwestiwn yn ddewisol, ac mae gan bob un “mae'n well gennyf beidio â dweud”. Cedwir eich atebion yma ar wahân i'ch atebion eraill a dim ond mewn grwpiau y cânt eu cyfrif: ni chânt byth eu dangos ar gyfer unrhyw un person.
equality-prefer-not-to-say = Mae'n well gennyf beidio â dweud
equality-age = Oedran
equality-age-question = Beth yw eich oedran?
equality-age-under-15 = O dan 15
equality-age-band = { $from } i { $to }
equality-age-75-plus = 75 neu drosodd
equality-sex = Rhyw
equality-sex-question = Beth yw eich rhyw?
equality-sex-female = Benyw
equality-sex-male = Gwryw
equality-gender-identity = Hunaniaeth rhywedd
equality-gender-identity-question = Ydy'r rhywedd rydych chi'n uniaethu ag ef yr un peth â'r rhyw a gofrestrwyd adeg eich geni?
equality-gender-identity-same = Ydy
equality-gender-identity-different = Nac ydy
equality-ethnic-group = Grŵp ethnig
equality-ethnic-group-question = Beth yw eich grŵp ethnig?
equality-ethnic-asian = Asiaidd, Asiaidd Cymreig neu Asiaidd Prydeinig
equality-ethnic-asian-bangladeshi = Bangladeshaidd
equality-ethnic-asian-chinese = Tsieineaidd
equality-ethnic-asian-indian = Indiaidd
equality-ethnic-asian-pakistani = Pacistanaidd
equality-ethnic-asian-other = Asiaidd Arall
equality-ethnic-black = Du, Du Cymreig, Du Prydeinig, Caribïaidd neu Affricanaidd
equality-ethnic-black-african = Affricanaidd
equality-ethnic-black-caribbean = Caribïaidd
equality-ethnic-black-other = Du Arall
equality-ethnic-mixed = Grwpiau ethnig Cymysg neu Amlethnig
equality-ethnic-mixed-white-asian = Gwyn ac Asiaidd
equality-ethnic-mixed-white-black-african = Gwyn a Du Affricanaidd
equality-ethnic-mixed-white-black-caribbean = Gwyn a Du Caribïaidd
equality-ethnic-mixed-other = Grwpiau ethnig cymysg neu amlethnig eraill
equality-ethnic-white = Gwyn
equality-ethnic-white-british = Cymreig, Seisnig, Albanaidd, Gwyddelig Gogledd Iwerddon neu Brydeinig
equality-ethnic-white-irish = Gwyddelig
equality-ethnic-white-gypsy-irish-traveller = Sipsi neu Deithiwr Gwyddelig
equality-ethnic-white-roma = Roma
equality-ethnic-white-other = Gwyn Arall
equality-ethnic-other = Grŵp ethnig arall
equality-ethnic-other-arab = Arabaidd
equality-ethnic-other-any = Unrhyw grŵp ethnig arall
equality-religion = Crefydd
equality-religion-question = Beth yw eich crefydd?
equality-religion-none = Dim crefydd
equality-religion-christian = Cristion (pob enwad)
equality-religion-buddhist = Bwdhydd
equality-religion-hindu = Hindŵ
equality-religion-jewish = Iddew
equality-religion-muslim = Mwslim
equality-religion-sikh = Sikh
equality-religion-other = Unrhyw grefydd arall
equality-disability = Anabledd
equality-disability-question = A yw eich gweithgareddau bob dydd wedi'u cyfyngu oherwydd problem iechyd neu anabledd sydd wedi para, neu y disgwylir iddi bara, o leiaf 12 mis?
equality-disability-a-lot = Ydyn, wedi'u cyfyngu'n fawr
equality-disability-a-little = Ydyn, wedi'u cyfyngu ychydig
equality-disability-no = Nac ydyn
equality-sexual-orientation = Cyfeiriadedd rhywiol
equality-sexual-orientation-question = Pa un o'r canlynol sy'n disgrifio eich cyfeiriadedd rhywiol orau?
equality-orientation-straight = Syth neu heterorywiol
equality-orientation-gay-lesbian = Hoyw neu lesbiaidd
equality-orientation-bisexual = Deurywiol
equality-orientation-other = Cyfeiriadedd rhywiol arall
equality-welsh-language = Y Gymraeg
equality-welsh-language-question = Pa un sy'n disgrifio eich Cymraeg orau?
equality-welsh-speaks = Rwy'n gallu siarad Cymraeg
equality-welsh-some = Nid wyf yn gallu siarad Cymraeg, ond rwy'n gallu deall, darllen neu ysgrifennu rhywfaint o Gymraeg
equality-welsh-none = Does gen i ddim sgiliau yn y Gymraeg
equality-postcode-district = Ardal cod post
equality-postcode-district-question = Hanner cyntaf eich cod post
equality-postcode-district-hint = Er enghraifft, CF24. Os teipiwch eich cod post cyfan, dim ond ei hanner cyntaf a gedwir.
equality-problem-choice = { $question }: dewiswch un o'r atebion a roddir, neu gadewch yn wag.
equality-problem-postcode = Ardal cod post: teipiwch hanner cyntaf cod post, fel CF24, neu gadewch yn wag.
equality-problem-postcode-both = Ardal cod post: naill ai teipiwch hanner cyntaf eich cod post neu ticiwch “mae'n well gennyf beidio â dweud”, nid y ddau.
## Engagement results, coding free text and the export (part: results).
audit-action-engagement-results-published = Cyhoeddwyd canlyniadau ymgysylltu
audit-action-engagement-answers-viewed = Darllenwyd atebion testun rhydd i'w codio
audit-action-engagement-answers-exported = Allforiwyd atebion arolwg
results-title = Canlyniadau'r arolwg
results-heading = Canlyniadau: { $campaign }
results-done-published = Mae'r canlyniadau wedi'u cyhoeddi: gall partneriaid eu gweld nawr.
results-error-published = Roedd y canlyniadau hyn wedi'u cyhoeddi eisoes.
results-provisional = Dros dro.
results-provisional-body = Mae'r arolwg yn dal ar agor, felly bydd y canlyniadau hyn yn newid wrth i ragor o ymatebion ddod i mewn.
results-responses = Ymatebion a gyfrifwyd: { $count }
results-suppression = Dangosir cyfrifon o dan { $threshold } fel “llai na { $threshold }”, a lle byddai cyfanswm yn datgelu un, cuddir cyfrif arall hefyd.
results-fewer-than = llai na { $threshold }
results-published-on = Cyhoeddwyd y canlyniadau i bartneriaid ar { $date }.
results-not-published = Nid yw'r canlyniadau wedi'u cyhoeddi i bartneriaid eto.
results-sensitive-withheld = Ni ddangosir digwyddiadau casineb, cam-drin domestig na thrais rhywiol y tu allan i staff y bartneriaeth, felly cuddir eu cyfrifon yma fel rhai bach.
results-publish = Cyhoeddi'r canlyniadau i bartneriaid
results-publish-hint = Dim ond y cyfrifon ar gyfer yr ymgyrch gyfan a wêl partneriaid, byth testun rhydd na'r hidlwyr.
results-coding-link = Codio'r atebion testun rhydd
results-export-link = Lawrlwytho'r atebion dienw (CSV)
results-no-survey = Nid oes gan yr ymgyrch hon arolwg wedi'i gyhoeddi eto, felly nid oes canlyniadau.
results-filter = Hidlo'r ymatebion a gyfrifir
results-filter-neighbourhood = Cymdogaeth
results-filter-channel = Sut y daeth yr ymateb i mewn
results-filter-group = Grŵp cydraddoldeb
results-filter-all = Y cyfan
results-filter-show = Dangos y canlyniadau
results-filtered = Dim ond rhai ymatebion a gyfrifir.
results-filter-clear = Dangos pob ymateb
results-answered = Wedi'i ateb gan: { $count }
results-question-version = { $question } (fersiwn { $version } o'r arolwg)
results-chart-description = Bar ar gyfer pob ateb; wedi'i ateb gan { $count }. Mae'r tabl isod yn rhoi'r un rhifau.
results-table = Rhifau ar gyfer “{ $question }”
results-answer = Ateb
results-count = Ymatebion
results-percent = Cyfran
results-first-choice = Dewis cyntaf
results-points = Pwyntiau
results-points-hidden = heb ei ddangos (ychydig o ymatebion)
results-ranking-points = Pwyntiau: mae'r lle cyntaf yn sgorio { $places }, yr un nesaf un yn llai, i lawr i 1 ar gyfer y lle olaf a drefnwyd.
results-rating-ends = Mae 1 yn “{ $low }”, mae 5 yn “{ $high }”.
results-rating-mean = Sgôr gyfartalog: { $mean }
results-rating-no-mean = Ni ddangosir y cyfartaledd tra bo rhai cyfrifon wedi'u cuddio.
results-free-text = Ni chyhoeddir atebion testun rhydd; mae staff yn eu codio'n themâu.
results-channel-online = Ar-lein
results-channel-street-briefing = Sesiwn stryd
results-channel-have-a-say-day = Diwrnod dweud eich dweud
results-channel-door-to-door = O ddrws i ddrws
results-channel-public-meeting = Cyfarfod cyhoeddus
results-channel-kin = Rhwydwaith Unigolion Allweddol
results-channel-paper = Ffurflen bapur
results-topic-age-band = Oedran
results-topic-sex = Rhyw
results-topic-gender-identity = Hunaniaeth rhywedd
results-topic-ethnic-group = Grŵp ethnig
results-topic-religion = Crefydd
results-topic-disability = Anabledd
results-topic-sexual-orientation = Cyfeiriadedd rhywiol
results-topic-welsh-language = Y Gymraeg
coding-title = Codio atebion testun rhydd
coding-heading = Codio atebion: { $campaign }
coding-intro = Tagiwch bob ateb gyda'r themâu y mae'n eu codi. Dim ond staff y bartneriaeth sy'n gweld nodiadau, ac ni chyhoeddir testun rhydd byth.
coding-results-link = Yn ôl at y canlyniadau
coding-no-questions = Nid oes gan yr arolwg hwn gwestiynau testun rhydd.
coding-question = Cwestiwn
coding-choose = Dangos y cwestiwn hwn
coding-codebook = Llyfr codau
coding-no-themes = Dim themâu eto ar gyfer y cwestiwn hwn.
coding-themes-caption = Themâu a'r atebion a dagiwyd gyda nhw
coding-theme = Thema
coding-theme-count = Atebion
coding-counts-filtered = Mae'r cyfrifon ar gyfer y gymdogaeth neu'r grŵp a ddewiswyd isod.
coding-new-theme = Thema newydd
coding-add-theme = Ychwanegu thema
coding-suggestions = Themâu a awgrymir
coding-suggestions-hint = Geiriau y mae llawer o atebion yn eu rhannu ac nad oes thema'n eu cwmpasu eto. Nid oes dim wedi'i dagio nes bod person yn gwneud hynny.
coding-no-suggestions = Dim awgrymiadau: nid oes gair a rennir gan ddau ateb nad yw thema'n ei gwmpasu eisoes.
coding-keyword = “{ $word }”, mewn { $answers } o atebion
coding-accept = Ychwanegu “{ $word }” fel thema
coding-answers = Atebion
coding-filter = Pa atebion i'w rhestru
coding-filter-group = Grŵp cydraddoldeb (cyfrifon themâu)
coding-uncoded = Dim ond atebion heb eu codio eto
coding-answers-count = { $count } o atebion; tudalen { $page } o { $pages }
coding-response = Ymateb { $number }
coding-suggested = Themâu a awgrymir: { $themes }
coding-suggested-mark = awgrymir
coding-themes-of = Themâu ymateb { $number }
coding-note = Nodyn (staff yn unig)
coding-note-hint = Ni ddangosir byth i bartneriaid na'r cyhoedd.
coding-save = Cadw'r codio
coding-done-theme = Ychwanegwyd y thema at y llyfr codau.
coding-done-saved = Cadwyd y codio.
coding-error-theme-name = Rhowch enw o hyd at 80 nod i'r thema.
coding-error-theme-exists = Mae gan y cwestiwn hwn thema o'r enw hwnnw eisoes.
coding-error-question = Nid oes gan y cwestiwn hwnnw atebion testun rhydd i'w codio.
coding-error-answer = Nid oedd modd dod o hyd i'r ateb hwnnw.
coding-error-theme = Dewiswch themâu o lyfr codau'r cwestiwn hwn.
coding-error-note-too-long = Mae'r nodyn yn rhy hir: ysgrifennwch 2,000 o nodau ar y mwyaf.
export-response = Ymateb
export-channel = Sianel
export-neighbourhood = Cymdogaeth
export-submitted = Anfonwyd
# The Key Individual Network (issue 13, kin): the register and its quarterly questionnaire.
nav-kin = Rhwydwaith Unigolion Allweddol
audit-action-kin-viewed = Gweld y Rhwydwaith Unigolion Allweddol
audit-action-kin-changed = Newid y Rhwydwaith Unigolion Allweddol
audit-action-kin-questionnaire-sent = Anfon holiadur y Rhwydwaith
kin-quarter = Chwarter { $number } { $year }
kin-title = Rhwydwaith Unigolion Allweddol
kin-intro = Pobl sy'n byw neu'n gweithio ym mhob cymdogaeth ac yn ateb holiadur byr bob chwarter. Dim ond arweinwyr ymgysylltu a rheolwyr sy'n gweld y gofrestr hon, a chofnodir pob tro y caiff ei gweld yn y log archwilio.
kin-done-added = Ychwanegwyd yr aelod at y rhwydwaith.
kin-done-edited = Cadwyd manylion yr aelod.
kin-done-withdrawn = Tynnwyd y caniatâd yn ôl: ni fydd yr aelod yn cael e-bost eto.
kin-done-removed = Tynnwyd yr aelod oddi ar y rhwydwaith: mae ei enw a'i fanylion cyswllt wedi'u dileu. Mae'r holiaduron a anfonwyd eisoes yn dal i gyfrif yn y cyfraddau ymateb blaenorol, ac mae'r atebion a roddwyd eisoes yn aros yn y canlyniadau heb enw.
kin-done-sent = Anfonwyd holiadur y chwarter hwn.
kin-done-reminded = Anfonwyd nodiadau atgoffa.
kin-sent-counts = { $sent ->
        [one] Anfonwyd ei ddolen bersonol at 1 aelod nawr
       *[other] Anfonwyd eu dolen bersonol at { $sent } aelod nawr
    }; { $already ->
        [one] roedd 1 eisoes wedi cael ei ddolen y chwarter hwn.
       *[other] roedd { $already } eisoes wedi cael eu dolen y chwarter hwn.
    }
kin-reminded-counts = { $sent ->
        [one] Anfonwyd 1 nodyn atgoffa
       *[other] Anfonwyd { $sent } nodyn atgoffa
    }; { $already ->
        [one] roedd 1 aelod eisoes wedi cael nodyn atgoffa, ac nid yw'n cael un arall.
       *[other] roedd { $already } aelod eisoes wedi cael nodyn atgoffa, ac nid ydynt yn cael un arall.
    }
kin-error-neighbourhood = Dewiswch y gymdogaeth y mae'r aelod yn perthyn iddi.
kin-error-name = Rhowch enw'r aelod.
kin-error-contact = Rhowch gyfeiriad e-bost neu rif ffôn (neu'r ddau).
kin-error-email = Rhowch y cyfeiriad e-bost yn y ffurf gywir, fel enw@enghraifft.cymru.
kin-error-phone = Rhowch rif ffôn o 10 i 15 digid.
kin-error-language = Dewiswch Gymraeg neu Saesneg.
kin-error-too-long = Byrhewch y testun: enwau a rolau hyd at 200 nod, grwpiau hyd at 500.
kin-error-consent-date = Rhowch y diwrnod y cytunodd yr aelod i gael ei gysylltu, heb fod yn hwyrach na heddiw.
kin-error-review-date = Rhowch y diwrnod yr adolygir yr aelodaeth nesaf.
kin-error-status = Dewiswch a yw'r aelod yn weithredol neu wedi gadael.
kin-error-stale = Newidiodd rhywun arall yr aelod hwn tra oeddech chi'n gweithio. Gwiriwch y manylion a chadw eto.
kin-error-unknown = Nid yw'r aelod hwnnw ar y gofrestr.
kin-error-no-consent = Nid yw'r aelod wedi rhoi caniatâd, felly nid oes dim i'w dynnu'n ôl.
kin-error-campaign = Dewiswch ymgyrch sydd wedi'i chynllunio neu ar agor, gyda sianel holiadur y Rhwydwaith Unigolion Allweddol ac un ymateb i bob dolen bersonol.
kin-error-not-published = Cyhoeddwch arolwg yr ymgyrch cyn ei anfon: mae dolenni'r aelodau'n agor y cwestiynau a gyhoeddwyd.
kin-members-heading = Aelodau
kin-members-caption = Aelodau yn { $neighbourhood }
kin-none-in = Dim aelodau eto yn: { $neighbourhoods }.
kin-name = Enw
kin-contact = Cyswllt
kin-language = Iaith
kin-community-role = Rôl yn y gymuned
kin-speaks-for = Grwpiau y gallant siarad drostynt
kin-consent = Caniatâd
kin-review = Adolygu
kin-status = Statws
kin-this-quarter = Y chwarter hwn
kin-actions = Camau
kin-consent-given = Rhoddwyd ar { $date }
kin-consent-none = Dim caniatâd: dim cysylltu
kin-consent-withdrawn = Tynnwyd yn ôl ar { $date }: dim cysylltu
kin-review-on = { $date }
kin-review-overdue = Adolygiad yn hwyr ers { $date }
kin-status-active = Gweithredol
kin-status-left = Wedi gadael
kin-status-removed = Wedi'i dynnu
kin-q-not-sent = Heb ei anfon
kin-q-sent = Anfonwyd ar { $date }
kin-q-reminded = Atgoffwyd ar { $date }
kin-q-answered = Wedi ateb
kin-open = Agor { $name }
kin-removed-count = { $count ->
        [one] Tynnwyd 1 aelod: mae ei enw a'i fanylion cyswllt wedi'u dileu.
       *[other] Tynnwyd { $count } aelod: mae eu henwau a'u manylion cyswllt wedi'u dileu.
    }
kin-add-heading = Ychwanegu aelod
kin-field-neighbourhood = Cymdogaeth
kin-field-name = Enw
kin-field-email = Cyfeiriad e-bost
kin-field-phone = Rhif ffôn
kin-field-contact-hint = Cyfeiriad e-bost, rhif ffôn, neu'r ddau. Mae'r holiadur yn mynd drwy e-bost.
kin-field-language = Iaith negeseuon
kin-field-community-role = Rôl yn y gymuned
kin-field-community-role-hint = Er enghraifft: cadeirydd y gymdeithas tenantiaid, siopwr, gweithiwr ieuenctid.
kin-field-speaks-for = Grwpiau y gallant siarad drostynt
kin-field-speaks-for-hint = Er enghraifft: preswylwyr hŷn, teuluoedd Pwylaidd, pobl anabl. Cynhwyswch grwpiau â nodweddion gwarchodedig lle maent yn siarad drostynt.
kin-field-consent = Caniatâd i gysylltu
kin-field-consent-yes = Cytunon nhw i'r bartneriaeth gysylltu â nhw
kin-field-consent-on = Y diwrnod y rhoddwyd caniatâd
kin-field-review-on = Adolygu'r aelodaeth ar
kin-field-status = Ar y rhwydwaith
kin-add-submit = Ychwanegu aelod
kin-save-submit = Cadw'r manylion
kin-questionnaire-heading = Holiadur chwarterol
kin-questionnaire-intro = Mae pob aelod gweithredol a gytunodd i gael ei gysylltu ac sydd â chyfeiriad e-bost yn cael dolen bersonol yn ei iaith, unwaith y chwarter. Gellir atgoffa aelodau nad ydynt wedi ateb unwaith, wythnos ar ôl anfon.
kin-questionnaire-campaign = Ymgyrch
kin-questionnaire-send = Anfon holiadur y chwarter hwn
kin-questionnaire-remind = Anfon nodiadau atgoffa
kin-questionnaire-none = Nid oes holiadur Rhwydwaith Unigolion Allweddol eto. Cynlluniwch ymgyrch gyda sianel holiadur y Rhwydwaith ac un ymateb i bob dolen bersonol, a chyhoeddwch ei harolwg.
kin-trends-heading = Cyfraddau ymateb
kin-trends-caption = Holiaduron a atebwyd o'r rhai a anfonwyd, fesul cymdogaeth a chwarter
kin-trends-neighbourhood = Cymdogaeth
kin-trends-change = Newid ers y chwarter blaenorol
kin-trends-cell = { $answered } o { $sent } ({ $percent }%)
kin-trends-nothing = dim wedi'u hanfon
kin-trends-points = { $points ->
        [0] dim newid
       *[other] { $points } pwynt
    }
kin-trends-empty = Nid oes holiadur wedi'i anfon eto.
kin-chart-label = Cyfradd ymateb yn { $neighbourhood }, fesul chwarter
kin-member-back = Yn ôl i'r gofrestr
kin-member-details = Manylion
kin-member-edit-heading = Newid manylion
kin-member-consent-heading = Tynnu caniatâd yn ôl
kin-member-consent-intro = Pan fydd aelod yn gofyn i beidio â chael ei gysylltu mwyach, cofnodwch hynny yma: ni fydd yn cael rhagor o e-byst.
kin-withdraw = Cofnodi bod caniatâd wedi'i dynnu'n ôl
kin-member-remove-heading = Tynnu oddi ar y rhwydwaith
kin-member-remove-intro = Mae tynnu aelod yn dileu ei enw, ei fanylion cyswllt, ei rôl a'i grwpiau ar unwaith. Beth a gedwir: cymdogaeth a dyddiadau'r holiaduron a anfonwyd eisoes, fel bod cyfraddau ymateb blaenorol yn aros yn gywir, a'r atebion a roddwyd eisoes, sy'n aros yn y canlyniadau heb enw. Mae'r log archwilio'n cadw pwy a dynnodd yr aelod a phryd.
kin-remove = Tynnu'r aelod hwn
kin-member-answers-heading = Atebion yn eu geiriau eu hunain
kin-member-answers-caption = Atebion testun rhydd a roddodd yr aelod drwy ei ddolenni personol
kin-member-answers-none = Dim atebion ysgrifenedig eto.
kin-answer-when = Chwarter
kin-answer-question = Cwestiwn
kin-answer-text = Ateb
kin-answer-record = Cofnodi fel gwybodaeth
kin-email-subject = Eich holiadur chwarterol gan { $csp }
kin-email-body =
    Annwyl { $name },

    Diolch am fod yn rhan o Rwydwaith Unigolion Allweddol { $csp }. Mae holiadur y chwarter hwn, "{ $title }", yn barod i chi.

    Atebwch ef drwy eich dolen bersonol (peidiwch â'i rhannu; mae'n gweithio unwaith):
    { $link }

    Mae'n cymryd ychydig funudau. Mae'r hyn rydych yn ei ddweud wrthym yn helpu'r bartneriaeth i ddeall pa mor ddiogel yw eich cymdogaeth.

    Os nad ydych am gael eich cysylltu mwyach, dywedwch wrth dîm ymgysylltu'r bartneriaeth a byddwn yn rhoi'r gorau iddi.

    Anfonwyd y neges hon yn awtomatig gan Cymuned.
kin-reminder-subject = Nodyn atgoffa: eich holiadur chwarterol gan { $csp }
kin-reminder-body =
    Annwyl { $name },

    Nodyn i'ch atgoffa bod holiadur y chwarter hwn, "{ $title }", yn aros am eich atebion. Dyma'r unig nodyn atgoffa a anfonwn.

    Eich dolen bersonol (mae'n cymryd lle'r un yn ein neges gynharach):
    { $link }

    Os nad ydych am gael eich cysylltu mwyach, dywedwch wrth dîm ymgysylltu'r bartneriaeth a byddwn yn rhoi'r gorau iddi.

    Anfonwyd y neges hon yn awtomatig gan Cymuned.
# Engagement (intel): intelligence recorded from engagement, and neighbourhood priorities.
audit-action-intelligence-recorded = Cofnodi gwybodaeth o ymgysylltu
audit-action-survey-answer-read = Darllen ateb arolwg i gofnodi gwybodaeth
intelligence-source-report = Adroddiad preswylydd
intelligence-source-street-briefing = Sesiwn friffio ar y stryd
intelligence-source-kin-answer = Ateb gan y Rhwydwaith Unigolion Allweddol
intelligence-source-survey-answer = Ateb arolwg
intelligence-source-partner = Partner
intelligence-source-meeting = Cyfarfod
intelligence-record-link = Cofnodi gwybodaeth o ymgysylltu
intel-record-title = Cofnodi gwybodaeth o ymgysylltu
intel-record-intro = Yr hyn a ddywedodd sesiwn friffio ar y stryd, aelod o'r Rhwydwaith Unigolion Allweddol, ateb arolwg, partner neu gyfarfod wrthych, wedi'i lanhau a'i raddio 3x5x2 fel eitem o adroddiad. Mae'n ymuno â'r rhestr wybodaeth ac agenda'r cyfarfod tasgio, a gellir ei chysylltu â phroffiliau problem.
intel-origin = Ble y'i clywyd
intel-choose = Dewiswch…
intel-neighbourhood = Cymdogaeth
intel-observed-on = Y diwrnod y'i clywyd
intel-summary-hint = Dim byd sy'n adnabod y sawl a ddywedodd wrthych, na neb arall oni bai bod angen: dim enwau, cyfeiriadau e-bost na rhifau ffôn.
intel-record = Cofnodi'r eitem
intel-from-survey = O ateb arolwg
intel-from-kin = O ateb gan y Rhwydwaith Unigolion Allweddol
intel-from-answer = Ymgyrch “{ $campaign }”, cwestiwn { $question }, atebwyd { $date }. Y testun isod yw'r ateb heb gyfeiriadau e-bost na rhifau ffôn: darllenwch ef a thynnwch unrhyw beth arall sy'n adnabod rhywun.
intel-from-earlier = Eitemau a gofnodwyd eisoes o'r ymateb hwn: { $items }
intel-make-item = Cofnodi fel gwybodaeth
intel-done-recorded = Mae'r eitem wybodaeth wedi'i chofnodi.
intel-error-origin = Dewiswch ble y'i clywyd: sesiwn friffio ar y stryd, ateb gan y Rhwydwaith Unigolion Allweddol, ateb arolwg, partner neu gyfarfod.
intel-error-neighbourhood = Dewiswch un o gymdogaethau'r bartneriaeth hon.
intel-error-date = Rhowch y diwrnod y'i clywyd fel dyddiad, heb fod yn hwyrach na heddiw nac yn fwy na blwyddyn yn ôl.
intel-error-summary-identifies = Mae'r testun yn dal i gynnwys enw, cyfeiriad e-bost neu rif ffôn. Tynnwch ef allan cyn cadw: gall yr eitem gael ei rhannu.
intel-error-answer = Ni ellir dod o hyd i'r ateb arolwg hwnnw yn y bartneriaeth hon.
priority-title = Blaenoriaethau cymdogaeth
priority-intro = Hyd at dair blaenoriaeth i bob cymdogaeth a chwarter, wedi'u gosod o'r hyn a ddywedodd preswylwyr a'r wybodaeth, pob un wedi'i chysylltu â'r proffiliau problem a'r camau gweithredu sy'n gweithio arni. Yn yr adolygiad nesaf, cofnodwch farn y gymuned a'i thystiolaeth.
priority-period = Chwarter
priority-quarter = Chwarter { $quarter }, { $year }
priority-current = Blaenoriaethau ar gyfer { $period } ({ $count } o 3)
priority-none = Nid oes blaenoriaethau wedi'u gosod ar gyfer y gymdogaeth a'r chwarter hwn.
priority-why = Pam:
priority-why-hint = Yr hyn a ddywedodd preswylwyr a'r wybodaeth y tu ôl iddo.
priority-set-by = Gosodwyd gan { $who } ar { $date }
priority-links = Yn cael sylw gan:
priority-no-links = Heb ei chysylltu â phroffil problem na cham gweithredu eto.
priority-action = Cam gweithredu “{ $action }” o
priority-not-reviewed = Heb ei hadolygu eto
priority-reviews = Adolygiadau
priority-link-label = Cysylltu â phroffil problem neu gam gweithredu
priority-profiles = Proffiliau problem
priority-actions = Camau gweithredu
priority-no-choices = Nid oes gan y bartneriaeth rai agored.
priority-link = Cysylltu
priority-verdict = Barn y gymuned ar “{ $priority }”
priority-verdict-resolved = Wedi'i datrys
priority-verdict-improving = Yn gwella
priority-verdict-not-resolved = Heb ei datrys
priority-evidence = Tystiolaeth
priority-reviewed-on = Diwrnod yr adolygiad
priority-record-review = Cofnodi'r farn
priority-set = Gosod blaenoriaeth (hyd at { $max })
priority-title-en = Y flaenoriaeth yn Saesneg
priority-title-cy = Y flaenoriaeth yn Gymraeg
priority-save = Gosod y flaenoriaeth
priority-earlier = Blaenoriaethau cynharach
priority-earlier-none = Ni osodwyd blaenoriaethau ar gyfer y gymdogaeth hon cyn y chwarter hwn.
priority-col-priority = Blaenoriaeth
priority-col-verdict = Barn
priority-community-note = Blaenoriaeth gymunedol yn { $neighbourhood }: { $priority }
priority-done-set = Mae'r flaenoriaeth wedi'i gosod.
priority-done-linked = Mae'r flaenoriaeth wedi'i chysylltu.
priority-done-reviewed = Mae'r farn wedi'i chofnodi.
priority-error-too-many = Mae gan y gymdogaeth hon dair blaenoriaeth eisoes ar gyfer y chwarter hwn. Cofnodwch farn ar un yn ei hadolygiad a gosodwch flaenoriaethau newydd y chwarter nesaf.
priority-error-title = Rhowch y flaenoriaeth yn Saesneg ac yn Gymraeg.
priority-error-too-long = Mae blaenoriaeth yn 200 nod ar y mwyaf, a'r rheswm a'r dystiolaeth yn 4,000 nod ar y mwyaf.
priority-error-period = Dewiswch chwarter o'r rhestr.
priority-error-unknown = Dewiswch flaenoriaeth, proffil problem a cham gweithredu o'r bartneriaeth hon.
priority-error-verdict = Dewiswch farn y gymuned: wedi'i datrys, yn gwella neu heb ei datrys.
priority-error-evidence = Rhowch y dystiolaeth dros y farn.
priority-error-date = Rhowch ddiwrnod yr adolygiad fel dyddiad, heb fod yn hwyrach na heddiw.
survey-equality-heading = Amdanoch chi (dewisol)
survey-equality-intro = Mae'r cwestiynau hyn yn helpu'r bartneriaeth i wirio ei bod yn clywed gan bawb yn y gymuned. Mae pob cwestiwn yn ddewisol ac mae gan bob un “mae'n well gennyf beidio â dweud”. Caiff eich atebion eu cadw ar wahân i'ch atebion eraill a dim ond mewn grwpiau y cânt eu cyfrif, byth eu dangos ar gyfer un person.
entry-equality-intro = Gofynnwch y rhain dim ond os yw'r person yn fodlon ateb; gadewch unrhyw un heb ei ateb. Peidiwch byth â'u dyfalu.
audit-action-priority-changed = Newid blaenoriaeth cymdogaeth
priority-edit = Newid “{ $priority }”
priority-save-changes = Cadw'r newidiadau
priority-remove = Dileu “{ $priority }”
priority-remove-hint = Ar gyfer blaenoriaeth a osodwyd mewn camgymeriad: mae'n mynd gyda'i chysylltiadau, ac mae ei lle yn rhydd eto. Mae blaenoriaeth sydd â dyfarniad wedi'i gofnodi yn rhan o hanes y gymdogaeth ac yn aros.
priority-remove-confirm = Ydw, dilëwch y flaenoriaeth hon
priority-remove-button = Dileu'r flaenoriaeth
priority-done-edited = Mae'r flaenoriaeth wedi'i newid.
priority-done-removed = Mae'r flaenoriaeth wedi'i dileu.
priority-error-confirm = Ticiwch y blwch i gadarnhau y dylid dileu'r flaenoriaeth.
priority-error-has-verdict = Mae dyfarniad wedi'i gofnodi ar gyfer y flaenoriaeth hon, felly mae'n aros fel rhan o hanes y gymdogaeth.

# Engagement (issue 13), reach: the reach view.
audit-action-engagement-reach-viewed = Darllen cyrhaeddiad ymgyrch (grwpiau cydraddoldeb)
reach-error-title = Cyrhaeddiad
reach-title = Cyrhaeddiad: { $campaign }
reach-back = Yn ôl i'r ymgyrch
reach-no-population = Dim ffigurau poblogaeth wedi'u mewnforio: mae ymatebwyr yn cael eu cyfrif, ond ni ellir eu cymharu â'r bobl sy'n byw yma. Gall gweinyddwr fewnforio tablau Cyfrifiad 2021 (gweler y README).
reach-no-population-short = Dim ffigurau poblogaeth wedi'u mewnforio
reach-explained-summary = Sut mae cyrhaeddiad yn cael ei gyfrifo
reach-explained-rate = Cyfradd cyfranogi pob grŵp yw ei ymatebwyr fesul 1,000 o'i drigolion yng Nghyfrifiad 2021 (oedran, rhyw, grŵp ethnig a siarad Cymraeg, fel y'u mewnforiwyd ar gyfer wardiau'r ymgyrch).
reach-explained-under = Mae grŵp wedi'i dangynrychioli pan fo'i gyfradd o dan { $percent }% o gyfradd pawb a atebodd y cwestiwn: o'i gymharu â phawb a atebodd, mae o dan 0.80.
reach-explained-score = Sgôr cynrychioldeb cwestiwn yw cyfradd cyfranogi'r grŵp isaf wedi'i rhannu â chyfradd y grŵp uchaf: mae 1 yn golygu bod pob grŵp wedi cymryd rhan ar yr un gyfradd, mae bron i 0 yn golygu mai prin y clywyd un grŵp. Sgôr yr ymgyrch yw ei sgôr cwestiwn isaf, felly gellir cymharu ymgyrchoedd o unrhyw faint.
reach-explained-counted = Mae ymatebwyr a hepgorodd gwestiwn, a oedd yn well ganddynt beidio â dweud neu sydd o dan 15 oed yn cael eu cyfrif ond nid eu cymharu. Gadewir allan ymatebion a nodwyd fel dyblygion posibl. Ni ddangosir dim yma ar gyfer unrhyw un person.
reach-explained-small = Dangosir niferoedd o dan { $threshold } fel “llai na { $threshold }”, a chuddir niferoedd eraill lle byddent yn datgelu un bach. Byddai cyfradd yn datgelu ei nifer, felly ni chaiff ei dangos ar gyfer nifer cudd; dangosir sgôr y mae ei grŵp isaf yn gudd fel “dim mwy na” gwerth.
reach-summary = Crynodeb
reach-respondents = Ymatebwyr: { $count }.
reach-overall-score = Sgôr cynrychioldeb: { $score }
reach-none-under = Nid oes unrhyw grŵp wedi'i dangynrychioli.
reach-under-intro = Grwpiau wedi'u dangynrychioli (ystyriwch sianel sy'n eu cyrraedd):
reach-source-wards = O'i gymharu â ffigurau Cyfrifiad 2021 wardiau'r ymgyrch.
reach-source-local-authority = Dim ond ffigurau'r awdurdod lleol sydd wedi'u mewnforio: o'i gymharu â'r awdurdod lleol cyfan, nid wardiau'r ymgyrch.
reach-not-compared = heb ei gymharu
reach-topic-score = Sgôr cynrychioldeb: { $score }
reach-topic-caption = { $topic }: ymatebwyr o'u cymharu â thrigolion
reach-group = Grŵp
reach-respondents-column = Ymatebwyr
reach-residents-column = Trigolion (Cyfrifiad 2021)
reach-rate-column = Ymatebwyr fesul 1,000 o drigolion
reach-representation-column = O'i gymharu â phawb a atebodd
reach-under-column = Wedi'i dangynrychioli
reach-yes = Ydy
reach-not-answered = Heb ateb
reach-all-respondents = Pob ymatebydd
reach-neighbourhoods = Cymdogaethau
reach-neighbourhoods-caption = Ymatebwyr fesul cymdogaeth o'u cymharu â'i thrigolion
reach-neighbourhood = Cymdogaeth
reach-no-neighbourhood = Cymdogaeth heb ei rhoi
reach-score-column = Sgôr cynrychioldeb
reach-campaigns = Ymgyrchoedd y bartneriaeth o'u cymharu
reach-campaigns-caption = Ymgyrchoedd yn ôl sgôr cynrychioldeb, y gorau yn gyntaf
reach-campaign = Ymgyrch
reach-starts = Yn dechrau
reach-fewer-than = llai na { $threshold }
reach-score-below = dim mwy na { $score }
reach-score-not-shown = heb ei ddangos (rhy ychydig o ymatebwyr)
reach-score-none = dim sgôr
reach-welsh-speaks = Yn siarad Cymraeg
reach-welsh-does-not-speak = Ddim yn siarad Cymraeg

# Engagement: published results for partners.
nav-published-results = Canlyniadau ymgysylltu a gyhoeddwyd
published-title = Canlyniadau ymgysylltu a gyhoeddwyd
published-intro = Ymgyrchoedd y mae'r bartneriaeth wedi cyhoeddi eu canlyniadau. Ni ddangosir niferoedd bach byth: mae cyfrif o dan drothwy'r bartneriaeth yn dweud "llai na" hwnnw.
published-none = Nid oes un o ymgyrchoedd y bartneriaeth hon wedi cyhoeddi ei chanlyniadau eto.
published-on = (cyhoeddwyd { $day })

# A survey's place question: the map of the campaign's wards, once JavaScript runs (issue 13).
survey-map-hint = Neu cliciwch neu tapiwch y map yn y lle rydych chi'n ei olygu: bydd y ward yn cael ei dewis yn y rhestr uchod. Dim ond y ward sy'n cael ei chadw, byth y lle ar y map.
survey-map-label = Map o'r wardiau mae'r arolwg hwn yn holi amdanynt
survey-map-located = Ward wedi'i dewis: { $ward }.
survey-map-outside = Dydy'r lle hwnnw ddim mewn ward mae'r arolwg hwn yn holi amdani. Dewiswch ward o'r rhestr.
survey-map-location-failed = Doedd dim modd dod o hyd i'ch lleoliad. Dewiswch y ward o'r rhestr.
survey-map-failed = Doedd dim modd llwytho'r map. Dewiswch y ward o'r rhestr.
## Issue 14: tudalen gyhoeddus cymdogaeth
nbhd-lead = Beth sy'n digwydd yn y gymdogaeth hon, gan { $csp }: ei blaenoriaethau, ble gallwch chi ddweud eich dweud, a faint o adroddiadau a wnaeth trigolion.
nbhd-wards = Wardiau:
nbhd-map-title = Map o { $name }
nbhd-map-description = Amlinell y gymdogaeth a'i wardiau, gyda'r gogledd ar y brig.
nbhd-map-caption = Ble mae { $name }
nbhd-contact-heading = Â phwy i gysylltu
nbhd-contact-default = Mae { $csp } yn gweithio gyda'r heddlu, y cyngor a gwasanaethau lleol yn y gymdogaeth hon. I ddweud wrthyn nhw am broblem, rhowch wybod amdani ar y wefan hon; i holi am unrhyw beth arall, cysylltwch â'r bartneriaeth drwy ei thudalen.
nbhd-contact-partnership = Am { $csp }
nbhd-emergency = Mewn argyfwng, ffoniwch 999. I roi gwybod am drosedd nad yw'n argyfwng, ffoniwch 101.
nbhd-priorities-heading = Blaenoriaethau'r gymdogaeth
nbhd-priorities-intro = Beth mae'r bartneriaeth yn gweithio arno yma yn { $period }, wedi'i ddewis gyda thrigolion, a barn ddiweddaraf y gymuned ar bob un.
nbhd-priorities-none = Does dim blaenoriaethau wedi'u gosod ar gyfer y gymdogaeth hon y chwarter hwn.
nbhd-priority-status = Cynnydd:
nbhd-priority-not-reviewed = heb ei adolygu eto
nbhd-priority-reviewed = adolygwyd ar { $date }
nbhd-campaigns-heading = Dweud eich dweud
nbhd-campaigns-none = Does dim arolwg ar agor yn y gymdogaeth hon ar hyn o bryd.
nbhd-campaign-closes = yn cau ar { $date }
nbhd-counts-heading = Adroddiadau yn ystod y 12 mis diwethaf
nbhd-counts-intro = Faint o adroddiadau a wnaeth trigolion am y gymdogaeth hon bob mis, yn ôl math o bryder. Does dim byd yma yn dweud pwy a wnaeth adroddiad na ble.
nbhd-counts-small = Er mwyn diogelu trigolion, dangosir nifer o dan { $threshold } fel “llai na { $threshold }”, a hefyd ambell nifer mwy a fyddai fel arall yn gadael i rywun gyfrifo un bach o'r cyfansymiau.
nbhd-counts-sensitive = Ni chaiff digwyddiadau casineb, cam-drin domestig a thrais rhywiol byth eu cyfrif ar eu pen eu hunain: maen nhw wedi'u cynnwys yn “Pryderon eraill” ac yn y cyfansymiau.
nbhd-counts-caption = Adroddiadau yn ôl math o bryder a mis, { $from } i { $to }
nbhd-counts-concern = Math o bryder
nbhd-counts-total = Y 12 mis i gyd
nbhd-counts-all = Pob adroddiad
nbhd-row-asb = Ymddygiad gwrthgymdeithasol
nbhd-row-drugs = Cyffuriau
nbhd-row-hate = Digwyddiadau casineb
nbhd-row-abuse = Cam-drin
nbhd-row-environmental = Problemau amgylcheddol
nbhd-row-vehicle = Niwsans cerbydau
nbhd-row-tension = Tensiwn cymunedol
nbhd-row-other = Pryderon eraill
nbhd-track-link = Gweld beth sy'n digwydd yn eich ardal: { $name }
nbhd-place-link = Beth sy'n digwydd yn { $name }
nbhd-follow-heading = Dilyn y gymdogaeth hon
nbhd-follow-email = Cael newyddion { $name } drwy e-bost
nbhd-follow-feed = Ffrwd Atom { $name }, ar gyfer darllenydd ffrydiau
partnership-neighbourhood-pages = Mae gan bob cymdogaeth ei thudalen ei hun: ei blaenoriaethau, arolygon agored ac adroddiadau dros y flwyddyn ddiwethaf.
settings-contact-heading = Cyswllt cyhoeddus ar dudalennau cymdogaethau
settings-contact-intro = Â phwy ddylai trigolion gysylltu, a ddangosir ar bob un o dudalennau cymdogaethau'r bartneriaeth. Gadewch iaith yn wag i ddangos geiriau diofyn yr hyb ynddi.
settings-contact-en = Cyswllt yn Saesneg
settings-contact-cy = Cyswllt yn Gymraeg
settings-contact-hint = Hyd at { $max } nod: enw tîm, rhif ffôn, cyfeiriad e-bost neu oriau agor. Dim manylion personol neb.
settings-contact-save = Cadw'r cyswllt
settings-contact-saved = Mae'r cyswllt cyhoeddus wedi'i gadw.
settings-contact-too-long = Mae'r cyswllt yn rhy hir: caiff pob iaith gynnwys hyd at 1000 nod.
## Subscriptions (issue 14): following a neighbourhood or a partnership by email, and its feeds.
subscribe-title = Cael newyddion { $area } drwy e-bost
subscribe-link = Cael newyddion y bartneriaeth hon drwy e-bost
subscribe-intro = Byddwn yn anfon e-bost atoch pan fydd ymgynghoriad yn agor yn yr ardal a ddewiswch a phan fydd blaenoriaethau'r gymdogaeth yn cael eu gosod neu eu hadolygu. Nid oes angen cyfrif arnoch. Nid ydym yn anfon dim nes i chi gadarnhau drwy'r ddolen a anfonwn atoch, ac mae dolen ym mhob e-bost i roi'r gorau iddi ar unwaith.
subscribe-email = Eich cyfeiriad e-bost
subscribe-area = Beth i'w ddilyn
subscribe-area-whole = Y bartneriaeth gyfan
subscribe-area-neighbourhood = { $neighbourhood }, { $csp }
subscribe-area-csp = { $csp } (y bartneriaeth gyfan)
subscribe-language = Iaith yr e-byst
subscribe-frequency = Pa mor aml
subscribe-frequency-immediate = Pob neges wrth iddi ddigwydd
subscribe-frequency-weekly = Crynodeb wythnosol
subscribe-submit = Tanysgrifio
subscribe-sent = Edrychwch ar eich e-bost. Os oes modd defnyddio'r cyfeiriad, rydym wedi anfon neges ato: agorwch y ddolen ynddi i gadarnhau. Ni anfonir dim arall nes i chi wneud hynny.
subscribe-area-removed = Nid yw'r gymdogaeth yn y ddolen hon yn bodoli mwyach: mae'r bartneriaeth wedi ail-lunio ei chymdogaethau. Dewiswch un arall isod, neu dilynwch y bartneriaeth gyfan.
subscribe-error-summary = Mae problem
subscribe-error-email = Rhowch gyfeiriad e-bost fel enw@enghraifft.com.
subscribe-error-area = Dewiswch gymdogaeth o'r rhestr, neu'r bartneriaeth gyfan.
subscribe-error-language = Dewiswch Gymraeg neu Saesneg ar gyfer yr e-byst.
subscribe-error-frequency = Dewiswch bob neges wrth iddi ddigwydd neu grynodeb wythnosol.
subscribe-error-rate-limited = Mae gormod o geisiadau i danysgrifio wedi dod o'ch cysylltiad. Rhowch gynnig arall arni ymhen awr.
subscribe-feeds = Neu dilynwch mewn darllenydd ffrydiau: ffrwd Atom { $area }.
subscribe-confirm-title = Cadarnhewch eich tanysgrifiad
subscribe-confirm-intro = Cadarnhewch eich bod eisiau newyddion { $area } drwy e-bost ({ $frequency }).
subscribe-confirm-button = Cadarnhau fy nhanysgrifiad
subscribe-confirmed = Rydych wedi tanysgrifio i newyddion { $area }.
subscribe-confirm-ended = Daeth y tanysgrifiad hwn i ben. I ddilyn { $area } eto, tanysgrifiwch eto.
subscribe-removed = Nid yw'r gymdogaeth yr oedd y tanysgrifiad hwn yn ei dilyn yn bodoli mwyach: mae'r bartneriaeth wedi ail-lunio ei chymdogaethau, felly ni chewch ragor o newyddion amdani. Gallwch ddilyn cymdogaeth arall neu'r bartneriaeth gyfan o dudalen y bartneriaeth.
subscribe-manage-title = Eich tanysgrifiadau
subscribe-manage-intro = Dyma danysgrifiadau { $email }. Mae cyfeiriad y dudalen hon yn breifat: gall unrhyw un sydd ag ef eu newid.
subscribe-manage-status-pending = Heb ei gadarnhau eto
subscribe-manage-status-confirmed = Wedi tanysgrifio
subscribe-manage-status-unsubscribed = Wedi dod i ben
subscribe-manage-save = Cadw'r newidiadau
subscribe-manage-stop = Dad-danysgrifio
subscribe-manage-changed = Mae eich newidiadau wedi'u cadw.
subscribe-manage-stopped = Rydych wedi dad-danysgrifio. Ni fyddwn yn anfon rhagor o newyddion amdani atoch.
subscribe-manage-follow-more = Dilyn ardal arall
subscribe-unsubscribe-title = Dad-danysgrifio
subscribe-unsubscribe-intro = Rhoi'r gorau i gael newyddion { $area } drwy e-bost?
subscribe-unsubscribe-button = Dad-danysgrifio
subscribe-unsubscribed = Rydych wedi dad-danysgrifio o newyddion { $area }. Ni fyddwn yn anfon rhagor atoch.
subscribe-unsubscribe-manage = Rheoli eich tanysgrifiadau eraill
subscribe-confirm-email-subject = Cadarnhewch eich tanysgrifiad: { $area }
subscribe-confirm-email-body = Mae rhywun, chi mae'n debyg, wedi gofyn am gael newyddion { $area } drwy e-bost.
    
    I gadarnhau, agorwch y ddolen hon a phwyso'r botwm:
    { $confirm }
    
    Os na wnaethoch ofyn am hyn, anwybyddwch yr e-bost hwn: ni fyddwn yn anfon dim mwy.
    
    Dad-danysgrifio: { $unsubscribe }
subscribe-already-email-subject = Rydych eisoes yn cael newyddion { $area }
subscribe-already-email-body = Mae rhywun, chi mae'n debyg, wedi gofyn am gael newyddion { $area } drwy e-bost. Mae'r cyfeiriad hwn eisoes wedi tanysgrifio, felly nid oes dim wedi newid.
    
    I newid pa mor aml neu ym mha iaith yr ydym yn anfon e-bost atoch, neu i roi'r gorau iddi:
    { $manage }
    
    Dad-danysgrifio nawr: { $unsubscribe }
subscribe-news-email-subject = { $line }
subscribe-news-email-body = { $line }
    { $page }
    
    Rydych yn cael hwn am eich bod yn dilyn { $area }.
    Newid pa mor aml neu ym mha iaith yr ydym yn anfon e-bost atoch: { $manage }
    Dad-danysgrifio: { $unsubscribe }
subscribe-digest-email-subject = Yr wythnos hon yn { $area }: { $count ->
        [one] 1 diweddariad
       *[other] { $count } diweddariad
    }
subscribe-digest-email-body = Yr wythnos hon yn { $area }:
    
    { $items }
    
    Rydych yn cael y crynodeb wythnosol hwn am eich bod yn dilyn { $area }.
    Newid pa mor aml neu ym mha iaith yr ydym yn anfon e-bost atoch: { $manage }
    Dad-danysgrifio: { $unsubscribe }
news-campaign-opened = Dweud eich dweud: { $title }
news-priority-set = Blaenoriaeth newydd i'r gymdogaeth: { $title }
news-priority-reviewed = Adolygwyd blaenoriaeth: { $title } ({ $verdict })
feed-title = Newyddion { $area }
feed-subtitle = Ymgynghoriadau'n agor a blaenoriaethau cymdogaeth yn cael eu gosod a'u hadolygu.
# Progress in public (issue 14, part 2)
progress-stage-planned = Wedi'i gynllunio
progress-stage-under-way = Ar y gweill
progress-stage-done = Wedi'i wneud
progress-event-set = Blaenoriaeth wedi'i gosod
progress-event-action-started = Dechreuodd gwaith ar gam gweithredu
progress-event-action-done = Cwblhawyd cam gweithredu
progress-event-reviewed = Adolygwyd gyda'r gymuned: { $verdict }
progress-event-closed = Caewyd y broblem
progress-email-subject = { $title }: { $stage } erbyn hyn
progress-email-body = Gofynnoch am glywed pan fydd rhywbeth yn newid ynglŷn â blaenoriaeth cymdogaeth yn { $neighbourhood }: { $title }.
    
    Erbyn hyn: { $stage }.
    
    Gweld beth sy'n digwydd a beth a wnaed: { $page }
    
    Rydych yn cael hwn oherwydd i chi ofyn am glywed yn ôl pan atebwch arolwg, neu gytuno i ni gysylltu â chi am eich adroddiad. Dim ond pan fydd y flaenoriaeth yn symud y byddwn yn ysgrifennu.
nbhd-priority-stage = Sefyllfa:
nbhd-priority-timeline = Beth sydd wedi digwydd
nbhd-timeline-stage = sefyllfa: { $stage }
optin-heading = Clywed yn ôl (dewisol)
optin-intro = Mae'r ddau ddewis yn ddewisol ac nid ydynt yn newid dim ar sut y caiff eich atebion eu cyfrif.
optin-tell = E-bostiwch fi pan fydd rhywbeth yn newid ynglŷn â'r hyn a ddywedais
optin-tell-hint = Byddwn yn ysgrifennu dim ond pan fydd blaenoriaeth a ddaeth o atebion fel eich rhai chi yn symud (wedi'i gynllunio, ar y gweill, wedi'i wneud), yn iaith y dudalen hon. Caiff eich cyfeiriad ei gadw ar wahân i'ch atebion ac ni chaiff byth ei ddangos gyda nhw.
optin-email = Eich cyfeiriad e-bost
optin-quote = Cewch ddyfynnu fy ngeiriau yn gyhoeddus heb fy enw
optin-quote-hint = Caiff unrhyw beth a allai eich adnabod ei dynnu allan yn gyntaf.
optin-error-email = Rhowch gyfeiriad e-bost y gallwn ysgrifennu ato, neu dad-diciwch “E-bostiwch fi pan fydd rhywbeth yn newid”.
optin-error-not-ticked = Ticiwch “E-bostiwch fi pan fydd rhywbeth yn newid” i gael e-bost, neu gadewch y cyfeiriad yn wag.
priority-choice = Daeth o ateb arolwg (dewisol)
priority-choice-none = Nid o ateb arolwg
priority-choice-hint = Anfonir e-bost at drigolion a ddewisodd yr ateb hwn ac a ofynnodd am glywed yn ôl pan fydd y flaenoriaeth yn symud, ac at drigolion y mae eu hadroddiadau wedi'u cysylltu â'i phroffiliau problem ac a gytunodd i ni gysylltu â nhw.
priority-error-choice = Nid yw'r ateb arolwg hwnnw'n perthyn i arolygon y bartneriaeth hon.
priority-from-choice = O ateb yr arolwg: { $choice }
priority-stage = Sefyllfa gyhoeddus: { $stage }
audit-action-progress-told = Trigolion wedi'u hysbysu bod blaenoriaeth wedi symud

## "Dywedoch chi, gwnaethom ni" (issue 14)
news-published = Dywedoch chi, gwnaethom ni: { $title }
audit-action-publication-drafted = Drafftiwyd "dywedoch chi, gwnaethom ni"
audit-action-publication-edited = Newidiwyd "dywedoch chi, gwnaethom ni"
audit-action-publication-published = Cyhoeddwyd "dywedoch chi, gwnaethom ni"
publication-row-other = Pryderon eraill
publication-draft-title = Dywedoch chi, gwnaethom ni: { $area }
publication-draft-intro = Yr hyn a ddywedodd trigolion { $area } wrthym rhwng { $from } a { $to }, a'r hyn a wnaethom ni a'n partneriaid yn ei gylch.
publication-said-survey = Yn ein hymgynghoriad “{ $title }”, atebodd { $responses } o bobl.
publication-said-answer = “{ $question }”: dewisodd y rhan fwyaf “{ $answer }” ({ $count }).
publication-said-priority = Fe osodoch chi flaenoriaeth i { $neighbourhood }: { $title }.
publication-said-reports = Fe wnaethoch chi { $total } adroddiad i ni yn y cyfnod hwn, gan gynnwys:
publication-said-reports-sensitive = Dim ond yn y cyfanswm y caiff adroddiadau am ddigwyddiadau casineb, cam-drin domestig a thrais rhywiol eu cyfrif, ac ni ddangosir cyfrifon o dan 10.
publication-did-priority = Blaenoriaeth “{ $title }” yn { $neighbourhood }: adolygwyd gyda thrigolion ar { $date }: { $verdict }.
publication-field-title = y teitl
publication-field-intro = y cyflwyniad
publication-field-correction = nodyn y cywiriad
publication-field-item = eitem { $number }
publication-problem-no-items = Ychwanegwch o leiaf un eitem.
publication-problem-no-welsh = Ysgrifennwch Gymraeg { $field }.
publication-problem-no-english = Ysgrifennwch Saesneg { $field }.
publication-problem-identifies = Mae { $field } yn enwi preswylydd y mae'n tynnu ar ei adroddiad, neu'n rhoi ei fanylion cyswllt, neu'n cynnwys rhywbeth tebyg i gyfeiriad e-bost neu rif ffôn: tynnwch ef allan.
publication-told-subject = Dywedoch chi, gwnaethom ni: { $title }
publication-told-body = Helo,

    Fe wnaethoch chi roi gwybod am bryder a helpodd ni a'n partneriaid i weithredu yn { $area }. Rydym wedi cyhoeddi'r hyn a ddywedodd trigolion wrthym a'r hyn a wnaed:

    { $title }
    { $page }

    Diolch am ddweud wrthym. Neges unwaith yn unig yw hon: ni chewch e-bost amdani eto.
publication-list-title = Dywedoch chi, gwnaethom ni
publication-list-intro = Cyhoeddiadau sy'n dweud wrth drigolion beth ddywedon nhw a beth a wnaed. Mae'r hwb yn drafftio un o'r data ar gyfer ardal a chyfnod; rydych chi'n ei olygu, yn ei ragweld ac yn ei gyhoeddi yn Gymraeg a Saesneg.
publication-list-heading = Cyhoeddiadau
publication-list-none = Does dim cyhoeddiadau eto.
publication-new = Drafftio cyhoeddiad newydd
publication-new-hint = Dewiswch yr ardal a'r cyfnod: mae'r hwb yn drafftio'r hyn a ddywedodd trigolion a'r hyn a wnaed o arolygon, blaenoriaethau, adroddiadau a phroffiliau problem caeedig y cyfnod hwnnw.
publication-area = Ardal
publication-area-all = Y bartneriaeth gyfan
publication-from = O
publication-to = Hyd at
publication-draft = Drafftio
publication-col-title = Teitl
publication-col-period = Cyfnod
publication-col-status = Statws
publication-period = { $from } i { $to }
publication-status-draft = Drafft, heb ei gyhoeddi
publication-status-published = Cyhoeddwyd ar { $date }
publication-status-corrected = Cywirwyd ar { $date }
publication-status-correction-draft = mae cywiriad yn cael ei ddrafftio
publication-status-live = Wedi'i gyhoeddi
publication-title = Cyhoeddiad "dywedoch chi, gwnaethom ni"
publication-version = Fersiwn { $number }
publication-public-page = Agor y dudalen gyhoeddus
publication-preview = Ei ragweld fel y bydd y cyhoedd yn ei weld
publication-preview-note = Rhagolwg yw hwn: mae'r cyhoedd yn gweld hyn unwaith y caiff ei gyhoeddi.
publication-back = Yn ôl i'r cyhoeddiad
publication-publish = Cyhoeddi
publication-publish-hint = Mae cyhoeddi yn ei roi ar y dudalen gyhoeddus, tudalennau'r gymdogaeth a'r bartneriaeth a'u ffrydiau, yn anfon e-bost at danysgrifwyr yr ardal, ac yn dweud unwaith wrth bob preswylydd y mae ei adroddiad yn gysylltiedig â phroffil problem caeedig y mae'n tynnu arno (dim ond y rhai a gytunodd i gael cysylltiad drwy e-bost ac na adawodd nodyn cysylltu'n ddiogel) ac wrth bob un a ymatebodd i arolwg y mae'n tynnu arno ac a ofynnodd am gael gwybod. Nid yw fersiwn a gyhoeddwyd byth yn newid.
publication-publish-correction-hint = Mae cyhoeddi'r cywiriad yn disodli geiriau'r dudalen gyhoeddus ac yn dweud iddi gael ei chywiro, gyda'r nodyn. Ni chaiff tanysgrifwyr a thrigolion a gafodd wybod eisoes e-bost eto.
publication-reach = Cyrhaeddiad
publication-reach-subscribers = Tanysgrifwyr a gafodd wybod
publication-reach-reporters = Trigolion y tynnodd ar eu hadroddiadau, a gafodd wybod
publication-reach-respondents = Ymatebwyr i arolwg a ofynnodd am gael gwybod, a gafodd wybod
publication-reach-views = Edrychiadau ar y dudalen
publication-reach-recent = Edrychiadau ar y dudalen yn y { $days } diwrnod diwethaf
publication-reach-hint = Caiff edrychiadau eu cyfrif heb gwcis na thracio: un cyfrif am bob tro y gwelir y dudalen gyhoeddus.
publication-checks = Cyn y gellir ei gyhoeddi
publication-checks-none = Does dim yn ei atal rhag cael ei gyhoeddi.
publication-you-said = Dywedoch chi
publication-we-did = Gwnaethom ni
publication-edit = Golygu'r drafft
publication-title-en = Teitl yn Saesneg
publication-title-cy = Teitl yn Gymraeg
publication-intro-en = Cyflwyniad yn Saesneg
publication-intro-cy = Cyflwyniad yn Gymraeg
publication-correction-en = Beth a gywirwyd, yn Saesneg
publication-correction-cy = Beth a gywirwyd, yn Gymraeg
publication-item = Eitem { $number }
publication-item-add = Ychwanegu eitem (gadewch yn wag i beidio ag ychwanegu)
publication-item-kind = Pa ochr
publication-item-en = Yn Saesneg
publication-item-cy = Yn Gymraeg
publication-item-action = Cadw neu ddileu
publication-item-keep = Ei chadw
publication-item-remove = Ei dileu
publication-save = Cadw'r drafft
publication-correct = Ei gywiro
publication-correct-hint = Mae'r fersiwn a gyhoeddwyd yn aros fel y mae. Mae cywiriad yn dechrau drafft newydd ohono gyda nodyn yn dweud beth a gywirwyd; unwaith y caiff ei gyhoeddi, mae'r dudalen gyhoeddus yn ei ddangos ac yn dweud iddi gael ei chywiro.
publication-correct-button = Dechrau cywiriad
publication-versions = Fersiynau
publication-nothing = Dim ar gyfer y cyfnod hwn.
publication-about = { $area }, { $period }
publication-published-on = cyhoeddwyd ar { $date }
publication-corrected-on = Cywirwyd ar { $date }: { $note }
publication-more = Rhagor am { $area }
publication-public-list = Dywedoch chi, gwnaethom ni
publication-public-none = Does dim wedi'i gyhoeddi eto.
publication-done-drafted = Wedi'i ddrafftio o'r data. Gwiriwch bob eitem, llenwch yr hyn sydd ar goll, yna rhagweld a chyhoeddi.
publication-done-saved = Mae'r drafft wedi'i gadw.
publication-done-published = Wedi'i gyhoeddi. Mae tanysgrifwyr a thrigolion yn cael gwybod.
publication-done-correcting = Mae cywiriad wedi'i ddechrau: golygwch ef, yna ei gyhoeddi.
publication-error-area = Dewiswch un o gymdogaethau'r bartneriaeth, neu'r bartneriaeth gyfan.
publication-error-period = Rhowch y cyfnod fel dau ddyddiad, y cyntaf heb fod ar ôl yr ail, nid yn y dyfodol ac o fewn dwy flynedd i'w gilydd.
publication-error-title = Rhowch deitl yn Saesneg neu'n Gymraeg.
publication-error-too-long = Mae testun yn rhy hir: teitlau hyd at 200 nod, testunau eraill hyd at 4,000.
publication-error-item = Nid oedd modd darllen eitem: dewiswch ba ochr y mae arni, a chadwch ei ffynhonnell fel yr oedd.
publication-error-too-many = Mae cyhoeddiad yn dal 60 eitem ar y mwyaf.
publication-error-correction = Dywedwch beth a gywirwyd, yn Saesneg ac yn Gymraeg.
publication-error-stale = Newidiodd rhywun y cyhoeddiad hwn yn y cyfamser: dyma fe fel y mae nawr.
publication-error-incomplete = Heb ei gyhoeddi: mae angen Cymraeg a Saesneg ar bob maes. Mae'r rhestr isod yn dweud pa rai.
publication-error-no-items = Heb ei gyhoeddi: ychwanegwch o leiaf un eitem.
publication-error-identifies = Heb ei gyhoeddi: mae testun yn enwi preswylydd y mae'n tynnu ar ei adroddiad, neu'n rhoi manylion cyswllt. Mae'r rhestr isod yn dweud pa rai.
publication-error-quote = Heb ei ychwanegu: dim ond geiriau ymatebwyr i arolygon eich partneriaeth a gytunodd, pan wnaethant ateb, i gael eu dyfynnu y gellir eu cyhoeddi fel dyfyniad.
publication-done-quoted = Mae'r dyfyniad wedi'i ychwanegu at y drafft. Gwiriwch nad yw'n enwi neb cyn cyhoeddi.
publication-quote = Dywedodd un ymatebydd: “{ $words }”
publication-quotable = Geiriau trigolion y cewch eu dyfynnu
publication-quotable-hint = Atebion testun rhydd i arolygon yr ardal a'r cyfnod hwn gan ymatebwyr a gytunodd, pan wnaethant ateb, i gael eu dyfynnu heb eu henw. Caiff dyfyniad ei wirio fel pob testun arall cyn ei gyhoeddi.
publication-quotable-none = Ni chytunodd unrhyw ymatebydd i arolygon yr ardal a'r cyfnod hwn i gael ei ddyfynnu.
publication-quote-add = Ychwanegu fel dyfyniad
stop-news-title = Peidio â chael gwybod
stop-news-intro = Peidio â chael negeseuon e-bost am gynnydd blaenoriaethau a godwyd gennych a'r cyhoeddiadau sy'n tynnu ar yr hyn a ddywedoch chi? Nid yw hyn yn effeithio ar negeseuon e-bost y gofynnoch amdanynt am eich adroddiad eich hun.
stop-news-button = Atal y negeseuon hyn
stop-news-stopped = Wedi'i wneud: ni chewch wybod eto.
stop-news-used = Mae'r ddolen hon wedi'i defnyddio eisoes: ni chewch wybod eto.
stop-news-unknown = Nid yw'r ddolen hon yn hysbys. Efallai iddi gael ei chopïo'n anghywir: rhowch gynnig ar y ddolen yn yr e-bost eto.
stop-news-email-footer = I beidio â chael y negeseuon e-bost hyn, agorwch y ddolen hon a phwyso'r botwm (un clic): { $link }
publication-withdraw = Ei dynnu'n ôl
publication-withdraw-hint = Ar gyfer pan lithrodd rhywbeth sy'n adnabod rhywun drwodd. Mae'n gadael y tudalennau cyhoeddus, y rhestrau a'r ffrydiau, ac mae testun pob fersiwn yn cael ei ddileu am byth: bydd y dudalen gyhoeddus yn dweud dim ond iddo gael ei dynnu'n ôl, pryd, a'r rheswm a roddwch yma.
publication-withdraw-reason-en = Pam y cafodd ei dynnu'n ôl, yn Saesneg (i'w ddangos yn gyhoeddus)
publication-withdraw-reason-cy = Pam y cafodd ei dynnu'n ôl, yn Gymraeg (i'w ddangos yn gyhoeddus)
publication-withdraw-button = Ei dynnu'n ôl am byth
publication-withdrawn-title = Cyhoeddiad wedi'i dynnu'n ôl
publication-withdrawn-on = Tynnwyd y cyhoeddiad hwn yn ôl ar { $date }. { $reason }
publication-done-withdrawn = Wedi'i dynnu'n ôl: mae ei destunau wedi'u dileu ac nid yw ar y tudalennau cyhoeddus na'r ffrydiau mwyach.
publication-error-withdraw-reason = Heb ei dynnu'n ôl: dywedwch pam, yn Saesneg ac yn Gymraeg, heb enwi neb na rhoi manylion cyswllt.
publication-error-withdrawn = Mae'r cyhoeddiad hwn wedi'i dynnu'n ôl eisoes.
audit-action-news-stopped = Newyddion cynnydd a chyhoeddiadau wedi'u hatal gan breswylydd
audit-action-survey-contacts-expired = Cysylltiadau arolwg wedi'u dileu ar ôl deuddeg mis
audit-action-publication-withdrawn = Tynnwyd "dywedoch chi, gwnaethom ni" yn ôl

## Asesiadau tensiwn, camau lleihau tensiwn a lefelau (mater 15, rhan 1)
nav-tension = Tensiwn cymunedol
tension-title = Tensiwn cymunedol
tension-intro = Lefel tensiwn pob cymdogaeth yn y bartneriaeth, pryd y'i hasesiwyd ddiwethaf, pryd mae'r adolygiad nesaf a'i chamau lleihau tensiwn agored.
tension-table-caption = Cymdogaethau yn ôl eu lefel tensiwn bresennol
tension-neighbourhood = Cymdogaeth
tension-level = Lefel tensiwn
tension-last-assessed = Asesiad diwethaf
tension-review-due = Adolygiad yn ddyledus
tension-open-actions = Camau lleihau tensiwn agored
tension-not-assessed = Heb ei hasesu eto
tension-overdue = Hwyr
tension-actions-overdue = { $count } yn hwyr
tension-levels-heading = Beth mae'r lefelau'n ei olygu
tension-levels-change = Newid enwau, ystyron a mapio'r heddlu ar gyfer y lefelau
tension-force-is = (graddfa'r heddlu: { $force })
tension-level-0 = Arferol
tension-level-1 = Isel
tension-level-2 = Canolig
tension-level-3 = Uchel
tension-level-4 = Difrifol
tension-meaning-0 = Dim tensiwn uwchlaw'r hyn sy'n arferol i'r ardal.
tension-meaning-1 = Rhai arwyddion o densiwn, dan reolaeth; monitro drwy'r ymgysylltu arferol.
tension-meaning-2 = Mae tensiwn yn codi neu'n lledu; partneriaid yn cymryd camau wedi'u targedu ac yn adolygu'n aml.
tension-meaning-3 = Tensiwn sylweddol gyda risg go iawn o anhrefn; perchennog wedi'i enwi ac adolygiad o fewn wythnos.
tension-meaning-4 = Mae anhrefn wedi digwydd neu ar fin digwydd; ymateb amlasiantaethol llawn.
tension-neighbourhood-title = Tensiwn cymunedol yn { $neighbourhood }
tension-current = Yr asesiad presennol
tension-narrative = Naratif
tension-owner = Perchennog
tension-recorded = Cofnodwyd
tension-recorded-by = Fersiwn { $version }, gan { $who }, { $when }
tension-never-assessed = Nid yw'r gymdogaeth hon wedi'i hasesu eto.
tension-assess = Cofnodi asesiad
tension-history = Hanes yr asesiadau
tension-indicators = Dangosyddion
tension-no-indicators = Dim dangosyddion wedi'u cofnodi.
tension-indicator-n = Dangosydd { $n }
tension-indicator-kind = Dangosydd
tension-indicator-tag = Wedi'i brofi, wedi'i brofiadu neu bosibl
tension-indicator-note = Nodyn
tension-indicator-source = Ffynhonnell
tension-indicator-grade = Gradd (3x5x2)
tension-indicator-media = Yn y cyfryngau neu'r cyfryngau cymdeithasol
tension-indicator-items = Eitemau cudd-wybodaeth cysylltiedig
tension-positive = Cadarnhaol
tension-yes = Ydy
tension-no = Nac ydy
tension-kind-hate-incidents = Digwyddiadau casineb
tension-kind-graffiti-leaflets = Graffiti neu daflenni
tension-kind-rumour-social-media = Sïon a chyfryngau cymdeithasol
tension-kind-protest-planned = Protest neu orymdaith wedi'i chynllunio
tension-kind-critical-incident = Digwyddiad critigol
tension-kind-trigger-event = Digwyddiad sbarduno cenedlaethol neu ryngwladol
tension-kind-group-disputes = Anghydfod rhwng grwpiau
tension-kind-group-asb = Ymddygiad gwrthgymdeithasol gan grwpiau neu yn eu herbyn
tension-kind-new-arrivals = Pobl newydd yn cyrraedd neu wasgaru
tension-kind-misinformation = Camwybodaeth
tension-kind-symbolic-disputes = Anghydfod symbolaidd (baneri, safleoedd, cynllunio)
tension-kind-cohesion-work = Gwaith cydlyniant
tension-kind-leaders-calming = Arweinwyr cymunedol yn tawelu pethau
tension-kind-other-positive = Dangosydd cadarnhaol arall
tension-kinds-tension = Dangosyddion tensiwn
tension-kinds-positive = Dangosyddion cadarnhaol
tension-tag-evidenced = Wedi'i brofi
tension-tag-experienced = Wedi'i brofiadu
tension-tag-potential = Posibl
tension-choose = Dewiswch…
tension-assess-title = Asesu tensiwn cymunedol yn { $neighbourhood }
tension-level-hint = Mae angen naratif i newid lefel. Mae angen perchennog ac adolygiad o fewn 7 diwrnod ar lefel 3 neu 4.
tension-narrative-hint = Beth sy'n digwydd a pham mae'r lefel fel y mae. Peidiwch ag enwi neb na rhoi manylion cyswllt neb.
tension-owner-hint = Pwy sy'n arwain yr ymateb (angenrheidiol ar lefel 3 neu 4).
tension-review-on = Yr adolygiad nesaf
tension-review-hint = Dyddiad yr adolygiad nesaf (o fewn 7 diwrnod ar lefel 3 neu 4).
tension-indicators-hint = Un dangosydd i bob grŵp o feysydd; gadewch grŵp yn wag i'w hepgor. I dynnu dangosydd, cliriwch ei ddangosydd, ei nodyn a'i ffynhonnell.
tension-sanitised-hint = Wedi'i lanweithio: dim enwau, cyfeiriadau, cyfeiriadau e-bost na rhifau ffôn neb.
tension-source-hint = O ble y daeth, er enghraifft "KIN" neu "briff yr heddlu".
tension-items-hint = Cyfeirnodau eitemau cudd-wybodaeth y bartneriaeth, wedi'u gwahanu gan atalnodau (er enghraifft CYM-… neu INT-000012).
tension-save = Cadw'r asesiad
tension-actions = Camau lleihau tensiwn
tension-no-actions = Dim camau lleihau tensiwn eto.
tension-action-title = Cam
tension-action-kind = Math o gam
tension-action-due = Dyddiad dyledus
tension-action-status = Statws
tension-action-outcome = Canlyniad
tension-action-add = Ychwanegu cam lleihau tensiwn
tension-action-update = Diweddaru "{ $title }"
tension-action-save = Cadw'r cam
deescalation-kind-reassurance-patrols = Patrolau tawelu meddwl
deescalation-kind-graffiti-removal = Cael gwared ar graffiti
deescalation-kind-youth-diversion = Dargyfeirio pobl ifanc
deescalation-kind-leaders-meeting = Cyfarfod ag arweinwyr cymunedol
deescalation-kind-myth-busting = Negeseuon chwalu mythau
deescalation-kind-other = Arall
tension-levels-title = Lefelau tensiwn
tension-levels-intro = Enwau'r bartneriaeth ar gyfer y pum lefel tensiwn, beth mae pob un yn ei olygu ac, os ydych yn defnyddio un, gair yr heddlu ei hun amdani. Mae angen y ddwy iaith.
tension-level-n = Lefel { $n }
tension-level-name-en = Enw yn Saesneg
tension-level-name-cy = Enw yn Gymraeg
tension-level-meaning-en = Ystyr yn Saesneg
tension-level-meaning-cy = Ystyr yn Gymraeg
tension-level-force-en = Graddfa'r heddlu yn Saesneg (dewisol)
tension-level-force-cy = Graddfa'r heddlu yn Gymraeg (dewisol)
tension-levels-save = Cadw'r lefelau
tension-done-saved = Mae'r asesiad wedi'i gadw.
tension-done-action-added = Mae'r cam lleihau tensiwn wedi'i ychwanegu.
tension-done-action-saved = Mae'r cam lleihau tensiwn wedi'i gadw.
tension-done-levels-saved = Mae'r lefelau tensiwn wedi'u cadw.
tension-error-stale = Newidiodd rhywun arall hyn ar ôl i chi ei agor. Ni chadwyd dim: gwiriwch yr hyn sydd wedi'i gadw nawr a gwnewch eich newid eto.
tension-error-level = Dewiswch lefel tensiwn o 0 i 4.
tension-error-narrative-required = Newidiodd y lefel o lefel bresennol y gymdogaeth: ysgrifennwch naratif yn dweud pam.
tension-error-too-long = Mae rhywbeth a deipiwyd gennych yn rhy hir: byrhewch ef a'i gadw eto.
tension-error-review = Rhowch yr adolygiad nesaf fel dyddiad o heddiw ymlaen, o fewn blwyddyn.
tension-error-owner-required = Ar lefel 3 neu 4 enwch y perchennog sy'n arwain yr ymateb.
tension-error-review-too-far = Ar lefel 3 neu 4 rhaid i'r adolygiad nesaf fod o fewn 7 diwrnod.
tension-error-too-many-indicators = Gormod o ddangosyddion mewn un asesiad: cadwch y 30 pwysicaf.
tension-error-kind = Dewiswch am beth mae pob dangosydd.
tension-error-tag = Dywedwch a yw pob dangosydd wedi'i brofi, wedi'i brofiadu neu'n bosibl.
tension-error-note-required = Ysgrifennwch nodyn byr ar gyfer pob dangosydd.
tension-error-source-required = Rhowch ffynhonnell pob dangosydd.
tension-error-media = Dywedwch a yw'r cyfryngau neu'r cyfryngau cymdeithasol yn sôn am bob dangosydd.
tension-error-item = Nid yw eitem cudd-wybodaeth gysylltiedig yn un o eitemau'r bartneriaeth hon: gwiriwch y cyfeirnodau.
tension-error-identifies = Mae nodyn, y naratif neu'r canlyniad yn enwi rhywun neu'n rhoi ei fanylion cyswllt (adroddwr eitem gysylltiedig, cyfeiriad e-bost neu rif ffôn). Tynnwch nhw allan a chadw eto.
tension-error-action-title = Rhowch deitl i'r cam.
tension-error-action-kind = Dewiswch y math o gam.
tension-error-action-status = Dewiswch statws y cam.
tension-error-action-due = Rhowch y dyddiad dyledus fel dyddiad.
tension-error-action-unknown = Nid yw'r cam hwnnw'n un o gamau'r gymdogaeth hon.
tension-error-level-name = Rhowch enw yn Saesneg ac yn Gymraeg i bob lefel.
audit-action-tension-viewed = Darllenwyd tensiwn cymunedol
audit-action-tension-assessed = Cadwyd asesiad tensiwn
audit-action-tension-action-changed = Ychwanegwyd neu newidiwyd cam lleihau tensiwn
audit-action-tension-levels-changed = Newidiwyd y lefelau tensiwn
## Monitro tensiwn (mater 15): digwyddiadau sbarduno, asesiadau effaith ar y gymuned, y rota, rhybuddion.
nav-tension-events = Digwyddiadau tensiwn
tension-events-title = Digwyddiadau sbarduno ac effaith ar y gymuned
tension-events-intro = Digwyddiadau hysbys a allai godi tensiwn yn y gymuned, gyda'u hasesiadau effaith ar y gymuned. Dangosir hefyd ddigwyddiadau partneriaethau cyfagos sy'n effeithio ar eich cymdogaethau, i'w darllen yn unig.
tension-events-record = Cofnodi digwyddiad
tension-events-upcoming = Digwyddiadau i ddod
tension-events-past = Digwyddiadau a fu
tension-events-none = Dim digwyddiadau.
tension-events-back = Yn ôl i'r digwyddiadau
tension-event-days = { $from } i { $to }
tension-event-when = Pryd
tension-event-title = Teitl
tension-event-kind = Math o ddigwyddiad
tension-event-kind-march = Gorymdaith neu brotest
tension-event-kind-anniversary = Pen-blwydd
tension-event-kind-planning = Penderfyniad cynllunio dadleuol
tension-event-kind-court = Achos llys
tension-event-kind-football = Gêm bêl-droed
tension-event-kind-national = Digwyddiad cenedlaethol
tension-event-kind-other = Arall
tension-event-status = Statws
tension-event-status-planned = Wedi'i gynllunio
tension-event-status-passed = Wedi bod
tension-event-status-cancelled = Wedi'i ganslo
tension-event-risk-level = Lefel y risg
tension-event-risk-low = Isel
tension-event-risk-medium = Canolig
tension-event-risk-high = Uchel
tension-event-risk-hint = Mae cadw'r asesiad ar lefel risg uchel yn anfon e-bost at rota tensiwn y bartneriaeth.
tension-event-owning-csp = Partneriaeth
tension-event-read-only = (eu heiddo nhw: i'w ddarllen yn unig)
tension-event-read-only-owned = Mae'r digwyddiad hwn yn perthyn i { $csp }: gallwch ei ddarllen ond nid ei newid.
tension-event-ctlp = Yn berthnasol i Broffil Lleol Gwrthderfysgaeth (dim ond y rhai a gaiff weld y proffil hwnnw a welith y manylion)
tension-event-ctlp-flag = Proffil Lleol Gwrthderfysgaeth
tension-event-restricted = Digwyddiad cyfyngedig
tension-event-restricted-explained = Mae digwyddiad sydd wedi'i gyfyngu i'r rhai a gaiff weld y Proffil Lleol Gwrthderfysgaeth yn digwydd ar y dyddiau hyn. Gofynnwch i'r bartneriaeth os oes angen rhagor arnoch.
tension-event-place = Lle
tension-event-place-hint = Disgrifiwch y lle yn unig: dim enwau, cyfeiriadau pobl, cyfeiriadau e-bost na rhifau ffôn.
tension-event-csps = Partneriaethau yr effeithir arnynt
tension-event-neighbourhoods = Cymdogaethau yr effeithir arnynt
tension-event-neighbourhoods-hint = Dewiswch o gymdogaethau eich partneriaeth a rhai partneriaethau cyfagos.
tension-event-risks = Risgiau
tension-event-mitigations = Camau lliniaru
tension-event-owner = Perchennog
tension-event-next-review = Adolygiad nesaf
tension-event-no-review = Dim
tension-event-starts = Diwrnod cyntaf
tension-event-ends = Diwrnod olaf
tension-event-edit = Golygu'r digwyddiad
tension-event-save = Cadw'r digwyddiad
tension-event-new-title = Cofnodi digwyddiad sbarduno
tension-event-edit-title = Golygu digwyddiad sbarduno
tension-event-done-recorded = Mae'r digwyddiad wedi'i gofnodi.
tension-event-done-saved = Mae'r digwyddiad wedi'i gadw.
tension-event-error-stale = Cadwodd rhywun arall y digwyddiad hwn ar ôl i chi ei agor. Ni throswyd dim: mae'r hyn a deipiwyd gennych isod.
tension-event-error-kind = Dewiswch y math o ddigwyddiad.
tension-event-error-title = Rhowch deitl i'r digwyddiad.
tension-event-error-too-long = Mae maes yn rhy hir: teitlau a pherchnogion hyd at 200 nod, testunau eraill hyd at 4,000.
tension-event-error-dates = Rhowch y diwrnod cyntaf a'r olaf fel dyddiadau, yr olaf heb fod cyn y cyntaf, dim mwy na blwyddyn ar wahân.
tension-event-error-identifies = Mae'r teitl, y lle, y risgiau neu'r camau lliniaru yn cynnwys cyfeiriad e-bost neu rif ffôn. Tynnwch unrhyw beth sy'n adnabod person.
tension-event-error-neighbourhoods = Dewiswch o leiaf un gymdogaeth o'r rhestr.
tension-event-error-owner = Enwch berchennog yr asesiad.
tension-event-error-review = Rhowch yr adolygiad nesaf fel dyddiad: mae angen un ar ddigwyddiad wedi'i gynllunio.
tension-event-error-choice = Dewiswch statws a lefel risg o'r rhestrau.
tension-rota-title = Rota tensiwn
tension-rota-intro = Y bobl a gaiff e-bost pan godir rhybudd tensiwn, pob un yn iaith ei gyfrif. Dim ond dweud bod angen sylw ar rybudd y mae'r e-bost, gyda dolen i'r hwb.
tension-rota-members = Ar y rota
tension-rota-empty = Does neb ar y rota eto.
tension-rota-name = Enw
tension-rota-email = E-bost
tension-rota-language = Iaith
tension-rota-remove = Tynnu
tension-rota-remove-who = Tynnu { $name } oddi ar y rota
tension-rota-add = Ychwanegu at y rota
tension-rota-person = Aelod o staff
tension-rota-no-candidates = Mae pawb ar staff y bartneriaeth ar y rota.
tension-rota-done-added = Wedi'i ychwanegu at y rota.
tension-rota-done-removed = Wedi'i dynnu oddi ar y rota.
tension-rota-error-person = Dewiswch aelod o staff y bartneriaeth.
tension-alert-subject = Rhybudd tensiwn: { $csp }
tension-alert-body =
    Mae angen eich sylw ar rybudd tensiwn yn { $csp }.

    Mewngofnodwch i'r hwb i'w weld: { $link }

    Nid yw'r e-bost hwn yn cynnwys dim manylion yn fwriadol.
audit-action-tension-event-changed = Digwyddiad tensiwn wedi'i gofnodi neu ei olygu
audit-action-tension-rota-changed = Rota tensiwn wedi newid
audit-action-tension-alert-queued = Rhybudd tensiwn wedi'i anfon at y rota
## Tension signals
# Drafft i siaradwr Cymraeg ei wirio. $observed: y nifer; $family: beth a gyfrifwyd (e.e. "digwyddiad casineb");
# $place: y lefel a brofwyd (e.e. "yng Nghaerdydd"); $usual: y nifer arferol; $one_in: 20, 100, 1,000 neu 10,000.
tension-signal-week = { $observed } { $family } { $place } yr wythnos hon, o gymharu â thua { $usual } mewn wythnos arferol; mae'r siawns o { $observed } neu fwy mewn wythnos arferol yn llai nag 1 mewn { $one_in }.
tension-signal-rolling = { $observed } { $family } { $place } yn y 4 wythnos diwethaf, o gymharu â thua { $usual } mewn 4 wythnos arferol; mae'r siawns o { $observed } neu fwy mewn 4 wythnos arferol yn llai nag 1 mewn { $one_in }.
tension-signal-week-no-chance = { $observed } { $family } { $place } yr wythnos hon, o gymharu â thua { $usual } mewn wythnos arferol.
tension-signal-rolling-no-chance = { $observed } { $family } { $place } yn y 4 wythnos diwethaf, o gymharu â thua { $usual } mewn 4 wythnos arferol.
tension-signal-short-history = (Hanes byr: o gymharu â'r ychydig fisoedd diwethaf.)
tension-signal-willingness = Mae adroddiadau hefyd yn dangos pa mor barod yw pobl i roi gwybod, nid dim ond beth ddigwyddodd.
## Regions and regional roles (issue 15 part 6).
role-cohesion-coordinator = Cydlynydd cydlyniant
staff-region-grant = { $region } (rhanbarth): { $csps }
staff-regional-note = Mae rôl ar gyfer rhanbarth yn cynnwys pob partneriaeth yn y rhanbarth, gan gynnwys unrhyw un a ychwanegir ato yn nes ymlaen.
audit-action-region-changed = Newidiwyd rhanbarth

## API tensiwn a golwg trawsffiniol y cydlynydd cydlyniant (mater 15, rhannau 6 a 7).
tension-counted-intelligence = eitemau cudd-wybodaeth wedi'u tagio â thensiwn
tension-counted-reports = adroddiadau { $family }
tension-place-partnership = ar draws y bartneriaeth
tension-place-cluster = yn { $neighbourhood } a'r cyffiniau
tension-region-title = Tensiwn ar draws y rhanbarth
tension-region-nav = Tensiwn ar draws eich rhanbarth
tension-region-intro = Pob partneriaeth yn eich rhanbarth: lefel tensiwn bresennol pob cymdogaeth, ei signal diwethaf o'r data, a naratif a nodiadau dangosydd glanweithiedig ei hasesiad diweddaraf. Ni ddangosir adroddiadau, pobl a roddodd wybod nac eitemau cudd-wybodaeth yma.
tension-region-heading = { $region } (rhanbarth)
tension-region-csp-caption = Cymdogaethau { $csp }
tension-region-last-signal = Signal diwethaf
tension-region-no-signal = Dim signal
tension-region-assessment = Asesiad diweddaraf
tension-region-border = Dros y ffin
tension-region-border-intro = Cymdogaethau sy'n ffinio â'i gilydd dros ffin partneriaeth, ochr yn ochr â'u lefelau. Dim ond lefel cymdogaeth y tu allan i'ch rhanbarth a ddangosir.
tension-region-border-caption = Cymdogaethau cyfagos mewn partneriaethau gwahanol
tension-region-side = Cymdogaeth
tension-region-other-side = Dros y ffin
tension-region-no-borders = Nid oes cymdogaeth yn y rhanbarth yn ffinio â chymdogaeth partneriaeth arall.
tension-region-outside = y tu allan i'ch rhanbarth
tension-region-none = Nid oes gennych rôl ar gyfer rhanbarth.
## Y darlun tensiwn: map, llinell amser a chrynodeb wythnosol (mater 15, rhan 4).
tension-picture-counted-intelligence = eitemau cudd-wybodaeth wedi'u tagio â thensiwn
tension-picture-counted-reports = adroddiadau { $family }
tension-picture-place-partnership = yn { $place }
tension-picture-place-cluster = yn { $place } a'r cymdogaethau sy'n ffinio â hi
tension-picture-signal-week = Wythnos yn dechrau { $week }: { $words }
tension-picture-latest-signal = Arwydd diweddaraf
tension-map-title = Map tensiwn { $csp }
tension-map-description = { $count } o gymdogaethau, { $assessed } ohonynt wedi'u hasesu, pob un wedi'i liwio a'i groeslinellu yn ôl ei lefel tensiwn bresennol ac wedi'i labelu â rhif y lefel. Mae'r tabl isod yn rhoi'r un wybodaeth.
tension-map-caption = Map o'r lefelau tensiwn presennol
tension-map-legend = Allwedd i'r map
tension-map-hint = Mae gan bob lefel ei chroeslinellu ei hun yn ogystal â'i lliw, ac mae pob cymdogaeth yn dangos rhif ei lefel ("–": heb ei hasesu eto). Mae'r tabl isod yn dweud yr un peth mewn geiriau.
tension-timeline = Llinell amser
tension-timeline-hint = Newidiadau lefel, arwyddion o'r data a digwyddiadau sbarduno sy'n effeithio ar y gymdogaeth hon, y diweddaraf yn gyntaf.
tension-timeline-empty = Does dim wedi digwydd yma eto: dim asesiadau, arwyddion na digwyddiadau.
tension-timeline-level = Lefel wedi'i gosod:
tension-timeline-signal = Arwydd, wythnos yn dechrau { $week }:
tension-timeline-event-upcoming = Digwyddiad i ddod:
tension-timeline-event-past = Digwyddiad:
tension-summary-short = Crynodeb wythnosol o densiwn cymunedol
tension-summary-title = Crynodeb wythnosol o densiwn cymunedol { $csp }, wythnos yn dechrau { $week }
tension-summary-link = Crynodeb wythnosol o densiwn cymunedol
tension-summary-week = Unrhyw ddiwrnod o'r wythnos
tension-summary-week-error = Nid yw "{ $typed }" yn ddyddiad: dewiswch ddiwrnod fel 2026-12-07. Yn dangos yr wythnos hon yn lle hynny.
tension-summary-open = Dangos yr wythnos
tension-summary-previous = Yr wythnos flaenorol
tension-summary-next = Yr wythnos nesaf
tension-summary-raised = Cymdogaethau ar lefel 2 neu uwch
tension-summary-raised-none = Does dim cymdogaeth ar lefel 2 neu uwch.
tension-summary-signals = Arwyddion newydd yr wythnos hon
tension-summary-signals-none = Dim arwyddion newydd yr wythnos hon.
tension-summary-events = Digwyddiadau yn y pythefnos nesaf
tension-summary-overdue-reviews = Adolygiadau hwyr
tension-summary-overdue-actions = Camau dad-ddwysáu hwyr
tension-summary-none-overdue = Dim byd yn hwyr.
tension-summary-review-was-due = roedd yr adolygiad i fod ar { $date }
tension-summary-action-was-due = roedd i fod ar { $date } (perchennog: { $owner })
tension-summary-printed = Wedi'i argraffu o'r hwb diogelwch cymunedol. Ei drin fel SWYDDOGOL-SENSITIF: peidiwch â'i adael lle gall eraill ei ddarllen.
tension-agenda-heading = Tensiwn cymunedol
tension-agenda-raised = { $count ->
    [one] 1 gymdogaeth ar lefel 2 neu uwch.
   *[other] { $count } o gymdogaethau ar lefel 2 neu uwch.
}
tension-agenda-highest = Uchaf: { $level }.
tension-agenda-signals = { $count ->
    [one] 1 arwydd newydd yr wythnos hon.
   *[other] { $count } o arwyddion newydd yr wythnos hon.
}
tension-agenda-events = { $count ->
    [one] 1 digwyddiad yn y pythefnos nesaf.
   *[other] { $count } o ddigwyddiadau yn y pythefnos nesaf.
}
tension-agenda-overdue = Hwyr: { $reviews } adolygiad, { $actions } cam dad-ddwysáu.
tension-agenda-link = Crynodeb wythnosol o densiwn cymunedol, wythnos yn dechrau { $week }
