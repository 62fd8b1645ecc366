"""Realistic reports written for these tests, checked event by event (issue 13).

Wire, state-media, Kurdish and opposition styles, Syria 2014-2019 and Iraq 2014-2017, one or
more cases for each error class of the issue, read with the shipped gazetteer: ``t-`` the taker
(appositions, "backed by", "led by", passives, countries and speakers), ``n-`` things that are
not the event's place (datelines, provinces, rivers, roads, people, sites), ``f-`` forms (lists,
dateline-only places, "held since", "the last town in X province, Y", flags, headlines in Title
Case, state media's "restoration of security"), ``d-`` dates (weekdays, "more than a week ago",
"last month", "earlier this year", background months), ``c-`` claims and denials. None of these
sentences comes from the development set.
"""

from __future__ import annotations

from datetime import date

import pytest

from geo.extract import extract_events
from geo.gazetteer import Gazetteer
from geo.models import Document


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.load()


def _events(gazetteer: Gazetteer, text: str, published: str) -> list[tuple[str | None, ...]]:
    doc = Document("r", text, "r.txt", published=date.fromisoformat(published))
    return [(e.place_id, e.controller, e.kind, e.date.isoformat(), e.date_precision)
            for e in extract_events([doc], gazetteer).events]


REPORTS = [
    ('t-headline-iraq', '2016-06-27',
     'Iraqi Forces Retake Fallujah From Islamic State Militants\n\nBAGHDAD (AP) - Iraqi '
     'commanders said on Sunday that the last districts of the city were cleared.',
     [('iq-fallujah', 'iraq', 'recapture', '2016-06-27', 'week')]),
    ('t-led-by-hts', '2017-07-24',
     'An alliance led by Hayat Tahrir al-Sham took Saraqib from Ahrar al-Sham on Sunday.',
     [('sy-saraqib', 'hts', 'capture', '2017-07-23', 'day')]),
    ('t-apposition-pmu', '2017-08-28',
     "The Popular Mobilisation Forces, a coalition of mostly Shi'ite militias, recaptured Tal "
     'Afar on Sunday, Iraqi officials said.',
     [('iq-tal-afar', 'iraq', 'recapture', '2017-08-27', 'day')]),
    ('t-passive-by', '2015-05-21',
     'Palmyra was overrun by Islamic State fighters on Wednesday, the Syrian Observatory said.',
     [('sy-palmyra', 'is', 'capture', '2015-05-20', 'day')]),
    ('t-passive-by-iraq', '2015-04-02',
     "Tikrit was retaken by Iraqi troops and Shi'ite paramilitaries on Tuesday.",
     [('iq-tikrit', 'iraq', 'recapture', '2015-03-31', 'day')]),
    ('t-spokesman', '2017-11-04',
     'A spokesman for the Iraqi Joint Operations Command said troops had freed al-Qaim from '
     'Islamic State on Friday.',
     [('iq-al-qaim', 'iraq', 'claim', '2017-11-03', 'day')]),
    ('t-peshmerga', '2015-11-14',
     'Kurdish peshmerga fighters retook Sinjar from Islamic State on Friday, Kurdish officials '
     'said.',
     [('iq-sinjar', 'kurdistan', 'recapture', '2015-11-13', 'day')]),
    ('t-turkish-backed-manbij-no', '2018-01-22',
     'Turkish-backed rebels captured several villages north of Afrin on Monday.',
     []),
    ('t-jihadists', '2014-06-11',
     'Jihadist militants of the Islamic State of Iraq and the Levant seized Tikrit on Wednesday.',
     [('iq-tikrit', 'is', 'capture', '2014-06-11', 'day')]),
    ('t-sdf-via-ypg', '2015-01-27',
     'Kurdish YPG militia drove Islamic State out of Kobani on Monday, a monitoring group said.',
     [('sy-kobani', 'sdf', 'capture', '2015-01-26', 'day')]),
    ('n-dateline-erbil', '2016-10-18',
     'ERBIL, Iraq (Reuters) - Kurdish peshmerga forces captured Bashiqa on Monday.',
     [('iq-bashiqa', 'kurdistan', 'capture', '2016-10-17', 'day')]),
    ('n-province-anbar', '2016-06-27',
     'Iraqi troops captured Fallujah, the largest city in Anbar province, on Sunday.',
     [('iq-fallujah', 'iraq', 'capture', '2016-06-26', 'day')]),
    ('n-river-tigris', '2016-10-20',
     'Iraqi forces crossed the Tigris river south of Mosul on Wednesday.',
     []),
    ('n-person', '2015-03-10',
     'Ahmed al-Raqqawi, a local activist, said the army had not entered the town.',
     []),
    ('n-road', '2016-08-16',
     'Rebels cut the Castello road into Aleppo on Monday.',
     []),
    ('n-district-mosul', '2017-01-25',
     'Iraqi forces took full control of eastern Mosul on Tuesday.',
     [('iq-mosul', 'iraq', 'partial', '2017-01-24', 'day')]),
    ('f-list-iraq', '2016-10-24',
     'Iraqi troops recaptured Bartella, Bashiqa and Qaraqosh on Sunday.',
     [('iq-bartella', 'iraq', 'recapture', '2016-10-23', 'day'),
      ('iq-bashiqa', 'iraq', 'recapture', '2016-10-23', 'day'),
      ('iq-qaraqosh', 'iraq', 'recapture', '2016-10-23', 'day')]),
    ('f-dateline-only', '2017-09-21',
     'HAWIJA, Iraq - Iraqi troops said on Thursday they now control the town after a three-day '
     'assault.',
     [('iq-hawija', 'iraq', 'claim', '2017-09-21', 'day')]),
    ('f-held-since', '2017-11-18',
     'Iraqi troops entered Rawa, which Islamic State had held since the summer of 2014.',
     [('iq-rawa', 'iraq', 'partial', '2017-11-18', 'week'),
      ('iq-rawa', 'is', 'capture', '2014-07-15', 'month')]),
    ('f-flag', '2017-07-10',
     'Iraqi soldiers raised the national flag over the Old City of Mosul on Sunday.',
     [('iq-old-city-mosul', 'iraq', 'capture', '2017-07-09', 'day')]),
    ('f-title-case', '2016-02-15',
     'Kurdish-Led Forces Capture Shaddadi From Islamic State',
     [('sy-al-shaddadi', 'sdf', 'capture', '2016-02-15', 'week')]),
    ('f-amerli', '2014-09-01',
     "Iraqi forces and Shi'ite militias broke the siege of Amerli on Sunday.",
     [('iq-amirli', 'iraq', 'siege_broken', '2014-08-31', 'day')]),
    ('f-jurf', '2014-10-25',
     'Iraqi forces retook Jurf al-Sakhar from Islamic State fighters on Friday.',
     [('iq-jurf-al-sakhar', 'iraq', 'recapture', '2014-10-24', 'day')]),
    ('f-baiji', '2015-10-20',
     'Iraqi forces recaptured the town of Baiji on Tuesday, military officials said.',
     [('iq-baiji', 'iraq', 'recapture', '2015-10-20', 'day')]),
    ('d-saturday-sunday', '2017-11-19',
     'Syrian troops and allied militias took Albu Kamal on Saturday.',
     [('sy-abu-kamal', 'government', 'capture', '2017-11-18', 'day')]),
    ('d-more-than-week', '2016-08-22',
     'Manbij fell to the SDF more than a week ago.',
     [('sy-manbij', 'sdf', 'capture', '2016-08-18', 'week')]),
    ('d-last-month', '2016-11-12',
     'Turkish-backed rebels captured Dabiq last month.',
     [('sy-dabiq', 'turkish_backed', 'capture', '2016-10-15', 'month')]),
    ('d-earlier-this-year', '2017-12-10',
     'Iraqi forces retook Mosul earlier this year.',
     [('iq-mosul', 'iraq', 'recapture', '2017-06-21', 'year')]),
    ('d-background', '2016-03-28',
     'Islamic State seized Palmyra in May 2015.',
     [('sy-palmyra', 'is', 'capture', '2015-05-15', 'month')]),
    ('d-background-iraq', '2017-07-10',
     'Islamic State overran Mosul in June 2014.',
     [('iq-mosul', 'is', 'capture', '2014-06-15', 'month')]),
    ('c-says-freed', '2016-06-18',
     'Iraq says it has fully freed Fallujah from Islamic State.',
     [('iq-fallujah', 'iraq', 'claim', '2016-06-18', 'week')]),
    ('c-rebels-denied', '2016-02-05',
     'State media said the army had captured Nubl. Rebels denied it.',
     [('sy-nubl', 'government', 'claim', '2016-02-05', 'week')]),
    ('c-premature', '2014-08-20',
     'The claim that Kurdish forces had retaken Mosul dam proved premature.',
     [('iq-mosul-dam', 'kurdistan', 'claim', '2014-08-20', 'week')]),
    ('c-is-claims', '2015-05-18',
     'Islamic State claimed it had captured Ramadi.',
     [('iq-ramadi', 'is', 'claim', '2015-05-18', 'week')]),
    ('t-syrian-insurgents', '2015-05-29',
     'Syrian insurgents seized Jisr al-Shughur on Thursday.',
     [('sy-jisr-al-shughur', 'rebels', 'capture', '2015-05-28', 'day')]),
    ('c-iraq-says', '2016-06-18',
     'Iraq says it has fully freed Fallujah.',
     [('iq-fallujah', 'iraq', 'claim', '2016-06-18', 'week')]),
    ('c-iraq-said-it-had', '2016-06-18',
     'Iraq said on Friday it had recaptured Fallujah.',
     [('iq-fallujah', 'iraq', 'claim', '2016-06-17', 'day')]),
    ('t-turkey-says-its-forces', '2018-03-18',
     'Turkey says its forces and allied rebels have taken Afrin.',
     [('sy-afrin', 'turkish_backed', 'claim', '2018-03-18', 'week')]),
    ('t-jaish-al-izza', '2016-10-20',
     'Jaish al-Izza captured Maan on Tuesday.',
     [('sy-maan', 'rebels', 'capture', '2016-10-18', 'day')]),
    ('f-last-town-apposition-before', '2015-05-29',
     'Rebels seized Ariha, the last government-held town in Idlib province, on Thursday.',
     [('sy-ariha', 'rebels', 'capture', '2015-05-28', 'day')]),
    ('f-state-media-restored', '2017-03-02',
     'Palmyra, SANA - Army units, in cooperation with the supporting forces, restored security '
     'and stability to Palmyra city on Thursday after eliminating the last gatherings of ISIS '
     'terrorists there.',
     [('sy-palmyra', 'government', 'capture', '2017-03-02', 'day')]),
    ('f-state-media-restoration', '2016-12-23',
     'Aleppo, SANA - The General Command of the Army and Armed Forces announced Thursday evening '
     'the restoration of security and safety to Aleppo city after eliminating terrorism.',
     [('sy-aleppo', 'government', 'claim', '2016-12-22', 'day')]),
    ('n-dateline-kurdistan-region', '2016-11-07',
     'BASHIQA, Kurdistan Region - Peshmerga forces entered the town of Bashiqa on Monday, a '
     'Peshmerga commander told Rudaw.',
     [('iq-bashiqa', 'kurdistan', 'partial', '2016-11-07', 'day')]),
    ('t-fighters-of-alliance', '2015-03-29',
     'Idlib - Fighters of Jaish al-Fatah took full control of the city of Idlib on Saturday after '
     'four days of fighting, opposition activists said.',
     [('sy-idlib', 'rebels', 'capture', '2015-03-28', 'day')]),
    ('c-denied-the-claim', '2016-08-06',
     'Opposition fighters said they had broken the siege of eastern Aleppo on Saturday, but the '
     'army denied the claim.',
     [('sy-aleppo', 'rebels', 'claim', '2016-08-06', 'day')]),
    ('f-last-town-held-by', '2017-10-05',
     'KIRKUK, Iraq (Reuters) - Iraqi forces took control of Hawija on Thursday, the last town in '
     'northern Iraq still held by Islamic State.',
     [('iq-hawija', 'iraq', 'capture', '2017-10-05', 'day')]),
    ('c-declared-victory-in', '2015-12-28',
     'BAGHDAD (Reuters) - Iraqi forces declared victory over Islamic State in Ramadi on Monday '
     "after seizing the city's government complex.",
     [('iq-ramadi', 'iraq', 'claim', '2015-12-28', 'day')]),
    ('f-iraqi-city-of', '2015-05-18',
     'BAGHDAD (Reuters) - Islamic State militants seized the Iraqi city of Ramadi on Sunday, the '
     "group's biggest victory this year.",
     [('iq-ramadi', 'is', 'capture', '2015-05-17', 'day')]),
    ('t-backed-by-tribal-fighters', '2017-11-03',
     'BAGHDAD (AP) - Iraqi troops backed by tribal fighters drove Islamic State militants out of '
     'al-Qaim on Friday, the military said.',
     [('iq-al-qaim', 'iraq', 'capture', '2017-11-03', 'day')]),
    ('t-kurdish-fighters-in-syria', '2015-01-27',
     'Kurdish fighters have driven Islamic State out of Kobani, the Syrian Observatory for Human '
     'Rights said on Monday, after four months of fighting.',
     [('sy-kobani', 'sdf', 'capture', '2015-01-26', 'day')]),
    ('c-military-council-said', '2016-08-13',
     'The Manbij Military Council said on Friday that it had taken full control of Manbij.',
     [('sy-manbij', 'sdf', 'claim', '2016-08-12', 'day')]),
    ('f-entered-and-hoisted', '2018-03-18',
     'Turkish-backed Free Syrian Army fighters entered the centre of Afrin on Sunday and hoisted '
     'Turkish flags over the town.',
     [('sy-afrin', 'turkish_backed', 'capture', '2018-03-18', 'day')]),
    ('d-background-december-and-march', '2017-03-03',
     'The army recaptured Palmyra for the second time on Thursday. Islamic State had seized the '
     'city in December, months after losing it to government forces in March 2016.',
     [('sy-palmyra', 'government', 'recapture', '2017-03-02', 'day'),
      ('sy-palmyra', 'is', 'capture', '2016-12-15', 'month'),
      ('sy-palmyra', 'government', 'capture', '2016-03-15', 'month')]),
    ('c-officials-denied-fallen', '2014-08-05',
     'Islamic State said on Sunday it had captured Sinjar. Kurdish officials denied that the town '
     'had fallen.',
     [('iq-sinjar', 'is', 'claim', '2014-08-03', 'day')]),
    ('n-governor-of-hama', '2016-06-02',
     'Hama Governor Ghassan Khalaf said government troops had entered Souran on Thursday.',
     [('sy-suran', 'government', 'partial', '2016-06-02', 'day')]),
    ('t-other-side-quoted', '2016-08-10',
     'Rebels took Ramousa on Saturday, a pro-government commander said, while the army said it '
     'had repelled the attack.',
     [('sy-ramouseh', 'rebels', 'capture', '2016-08-06', 'day')]),
    ('t-lost-to', '2015-05-22',
     'The army lost Palmyra to Islamic State on Wednesday.',
     [('sy-palmyra', 'is', 'capture', '2015-05-20', 'day')]),
    ('t-ypg-and-allied-fsa', '2015-06-16',
     'The YPG and allied Free Syrian Army groups captured Tal Abyad from Islamic State on Monday.',
     [('sy-tell-abyad', 'sdf', 'capture', '2015-06-15', 'day')]),
    ('f-list-seized-control', '2019-01-11',
     'Hayat Tahrir al-Sham seized control of Maarat al-Numan and Ariha on Thursday after fighters '
     'from the National Front for Liberation pulled out.',
     [('sy-maarat-al-numan', 'hts', 'capture', '2019-01-10', 'day'),
      ('sy-ariha', 'hts', 'capture', '2019-01-10', 'day')]),
    ('t-turkish-tanks-and-rebels', '2016-08-25',
     'Turkish tanks and Syrian rebels drove Islamic State out of Jarablus on Wednesday.',
     [('sy-jarabulus', 'turkish_backed', 'capture', '2016-08-24', 'day')]),
    ('n-refinery-is-a-site', '2015-10-17',
     'Iraqi forces retook the Baiji refinery from Islamic State on Friday.',
     [('iq-baiji-oil-refinery', 'iraq', 'recapture', '2015-10-16', 'day')]),
    ('d-besieged-since', '2014-08-20',
     "Islamic State fighters have besieged the Shi'ite Turkmen town of Amerli since June.",
     [('iq-amirli', 'is', 'siege', '2014-08-20', 'week')]),
    ('t-shiite-militias-in-iraq', '2015-04-01',
     "Iraqi forces and Shi'ite militias retook Tikrit on Tuesday.",
     [('iq-tikrit', 'iraq', 'recapture', '2015-03-31', 'day')]),
    ('f-title-case-declares-victory', '2017-07-10',
     'Iraq Declares Victory Over Islamic State in Mosul',
     [('iq-mosul', 'iraq', 'claim', '2017-07-10', 'week')]),
    ('d-last-month-iraq', '2017-09-20',
     'Iraqi forces recaptured Tal Afar last month after an eleven-day battle.',
     [('iq-tal-afar', 'iraq', 'recapture', '2017-08-15', 'month')]),
    ('f-last-town-in-province-apposition', '2015-05-29',
     'Rebels seized the last government-held town in Idlib province, Jisr al-Shughur, on Thursday.',
     [('sy-jisr-al-shughur', 'rebels', 'capture', '2015-05-28', 'day')]),
    ('f-last-town-apposition-after', '2015-05-29',
     'Rebels on Thursday seized Ariha, the last government-held town in Idlib province.',
     [('sy-ariha', 'rebels', 'capture', '2015-05-28', 'day')]),
    ('f-last-town-held-by-in-province', '2017-10-06',
     'Iraqi forces captured the last town held by Islamic State in Kirkuk province, Hawija, on '
     'Thursday.',
     [('iq-hawija', 'iraq', 'capture', '2017-10-05', 'day')]),
    ('f-dateline-and-last-town', '2015-05-29',
     'JISR AL-SHUGHUR, Syria (Reuters) - Rebels seized the last government-held town in Idlib '
     'province on Thursday.',
     [('sy-jisr-al-shughur', 'rebels', 'capture', '2015-05-28', 'day')]),
    ('f-title-case-jihadists-in-context', '2019-01-10',
     'Hayat Tahrir al-Sham attacked rebel towns on Wednesday. Jihadists Seize Control of Northern '
     'Syrian Town of Darat Izza.',
     [('sy-darat-izza', 'hts', 'capture', '2019-01-10', 'week')]),
    ('f-restored-security-and-safety', '2018-05-21',
     'The army restored security and safety to al-Hajar al-Aswad on Monday.',
     [('sy-al-hajar-al-aswad', 'government', 'capture', '2018-05-21', 'day')]),
    ('f-last-stronghold-in-area', '2017-08-31',
     'Iraqi forces captured al-Ayadiya, the last Islamic State stronghold in the Tal Afar area, '
     'on Thursday.',
     [('iq-iyadiyah', 'iraq', 'capture', '2017-08-31', 'day')]),
    ('f-dateline-the-town-recaptured', '2017-11-17',
     "RAWA, Iraq - Iraqi forces said on Friday they had recaptured the town, Islamic State's last "
     'urban stronghold in Iraq.',
     [('iq-rawa', 'iraq', 'claim', '2017-11-17', 'day')]),
    ('f-dateline-now-control', '2017-11-17',
     'Rawa, Iraq (AFP) - Iraqi troops now control the town after a short battle, officers said.',
     [('iq-rawa', 'iraq', 'capture', '2017-11-17', 'week')]),
    ('d-less-than-two-weeks-ago', '2017-07-20',
     'Islamic State lost Mosul to Iraqi forces less than two weeks ago.',
     [('iq-mosul', 'iraq', 'capture', '2017-07-06', 'week')]),
    ('d-nearly-two-weeks-ago', '2016-08-22',
     'The SDF captured Manbij nearly two weeks ago.',
     [('sy-manbij', 'sdf', 'capture', '2016-08-08', 'week')]),
    ('d-saturday-in-sunday-story', '2016-10-23',
     'Iraqi forces entered Bartella on Saturday.',
     [('iq-bartella', 'iraq', 'partial', '2016-10-22', 'day')]),
    ('c-turned-out-premature', '2016-10-30',
     'Reports that Kurdish fighters had captured Bashiqa turned out to be premature.',
     [('iq-bashiqa', 'kurdistan', 'claim', '2016-10-30', 'week')]),
    ('c-claim-to-have-proved-false', '2016-06-10',
     'A government claim to have retaken Fallujah proved false, residents said.',
     [('iq-fallujah', 'iraq', 'claim', '2016-06-10', 'week')]),
]


@pytest.mark.parametrize(("published", "text", "expected"), [r[1:] for r in REPORTS],
                         ids=[r[0] for r in REPORTS])
def test_report(gazetteer: Gazetteer, published: str, text: str,
                expected: list[tuple[str, ...]]) -> None:
    assert _events(gazetteer, text, published) == expected


@pytest.mark.parametrize("name", ["c-rebels-denied", "c-premature", "c-denied-the-claim",
                                  "c-officials-denied-fallen", "c-turned-out-premature",
                                  "c-claim-to-have-proved-false"])
def test_a_denied_claim_has_the_lowest_confidence(gazetteer: Gazetteer, name: str) -> None:
    _name, published, text, _expected = next(r for r in REPORTS if r[0] == name)
    doc = Document("r", text, "r.txt", published=date.fromisoformat(published))
    assert [e.confidence for e in extract_events([doc], gazetteer).events] == [0.35]
