"""The tagger: statutes read from titles, tags and reasons on real-style bills, hard negatives,
framework items, full-text evidence and learned evidence.

The titles are written for these tests in the forms the Legislature uses (official titles,
committee short descriptions, advocacy descriptions); none is copied from the dev set.
"""

from __future__ import annotations

import pickle

import pytest

from tests.conftest import FILES
from tracker.records.bills import StatuteRecord
from tracker.rules.statutes import Cite, bill_statutes, parse_cite
from tracker.tagging.catalog import load_catalog
from tracker.tagging.evaluation import parse_labels
from tracker.tagging.phrases import PhraseMatcher
from tracker.tagging.tagger import (
    TAGGER_VERSION,
    THIN_EVIDENCE,
    BillSignals,
    Tagger,
    compile_catalog,
    tag_bill,
)
from tracker.tagging.words import stem
from tracker.vocab import StatuteChange

AMENDED, NEW, REPEALED = StatuteChange.AMENDED, StatuteChange.NEW_CODING, StatuteChange.REPEALED


@pytest.fixture(scope="module")
def catalog():
    return load_catalog()


@pytest.fixture(scope="module")
def tagger(catalog) -> Tagger:
    """The rules alone: what each piece of evidence weighs, without the shipped model."""
    return Tagger(catalog)


# --- statutes ---------------------------------------------------------------------------------

STATUTE_TITLES = [
    (
        "A bill for an act relating to education finance; increasing local optional revenue; "
        "appropriating money; amending Minnesota Statutes 2024, section 126C.10, subdivision 2e.",
        [("126C.10", "2e", AMENDED)],
    ),
    (
        "A bill for an act relating to education; modifying the Read Act; amending Minnesota "
        "Statutes 2024, sections 120B.12, subdivisions 1, 2a; 120B.123, by adding a subdivision; "
        "proposing coding for new law in Minnesota Statutes, chapter 120B; repealing Minnesota "
        "Statutes 2024, section 120B.1117.",
        [
            ("120B.12", "1", AMENDED),
            ("120B.12", "2a", AMENDED),
            ("120B.123", "", AMENDED),
            ("120B", "", NEW),
            ("120B.1117", "", REPEALED),
        ],
    ),
    (
        "A bill for an act relating to education; modifying school meals; amending Minnesota "
        "Statutes 2024, section 124D.111, subdivision 5; Minnesota Statutes 2025 Supplement, "
        "section 121A.73; Laws 2023, chapter 18, article 4, section 3.",
        [("124D.111", "5", AMENDED), ("121A.73", "", AMENDED)],
    ),
    (
        "A bill for an act relating to education; repealing Minnesota Statutes 2024, sections "
        "124D.4531, subdivision 3b; 125A.0942, subdivision 4; Minnesota Rules, part 3501.0010.",
        [("124D.4531", "3b", REPEALED), ("125A.0942", "4", REPEALED)],
    ),
    ("Special education aid increased, and money appropriated.", []),
]


@pytest.mark.parametrize(("title", "expected"), STATUTE_TITLES)
def test_statutes_in_titles(title, expected):
    found = [(r.section, r.subdivision, r.change) for r in bill_statutes([title], [])]
    assert found == expected


@pytest.mark.parametrize(
    ("text", "cite"),
    [
        ("126C.10", Cite("126C", "126C.10")),
        ("126C.10, subd. 2e", Cite("126C", "126C.10", "2e")),
        ("126C.10 subd 2e", Cite("126C", "126C.10", "2e")),
        ("Minn. Stat. § 125A.76", Cite("125A", "125A.76")),
        ("Minnesota Statutes 2024, section 354.44, subdivision 6", Cite("354", "354.44", "6")),
        ("chapter 124E", Cite("124E")),
        ("13.32", Cite("13", "13.32")),
        ("not a cite", None),
        ("$1.5 million", None),
    ],
)
def test_parse_cite(text, cite):
    assert parse_cite(text) == cite


def test_a_bare_section_gives_way_to_its_subdivisions():
    records = bill_statutes(
        [
            "relating to education finance; amending Minnesota Statutes 2024, section 126C.10, "
            "subdivision 2e."
        ],
        ["126C.10"],
    )
    assert records == (StatuteRecord("126C.10", AMENDED, "2e", 2024),)


def test_listed_statutes_join_the_title_clause_without_duplicates():
    records = bill_statutes(
        [
            "relating to education; amending Minnesota Statutes 2024, "
            "section 125A.76, subdivision 2."
        ],
        ["125A.76, subd. 2", "124E.06", "nonsense"],
    )
    assert records == (
        StatuteRecord("125A.76", AMENDED, "2", 2024),
        StatuteRecord("124E.06", AMENDED, ""),
    )


# --- phrase matching ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Special education cross-subsidies", ["sped", "cross"]),
        ("school districts and SCHOOL BOARDS", ["district", "board"]),
        ("renewal of expiring referendums", ["referendum"]),
        ("students in grade 3", ["grade"]),
        ("continuing education for nurses", []),
        ("driver’s education and drivers education", []),
        ("schoolhouse rock", []),
    ],
)
def test_phrase_matcher_conventions(text, found):
    matcher: PhraseMatcher[str | None] = PhraseMatcher(
        [
            ("special education", "sped"),
            ("cross subsid*", "cross"),
            ("school district", "district"),
            ("school board", "board"),
            ("referend*", "referendum"),
            ("grade #", "grade"),
            ("education", "education"),
            ("school", "school"),
            ("continuing education", None),
            ("driver's education", None),
            ("drivers education", None),
        ]
    )
    assert [m.payload for m in matcher.find(text) if m.payload] == found


def test_phrase_matcher_refuses_one_key_with_two_meanings():
    with pytest.raises(ValueError, match="listed twice"):
        PhraseMatcher([("cross subsidy", "a"), ("cross-subsidy", "b")])


# --- tagging table ----------------------------------------------------------------------------

# (title, extra signals, relevant, areas that must be tagged)
TAGGING = [
    (
        "A bill for an act relating to education finance; modifying special education aid; "
        "reducing the special education cross-subsidy; appropriating money; amending Minnesota "
        "Statutes 2024, sections 125A.76, subdivision 2c; 125A.79, subdivision 1.",
        {},
        True,
        ["special-education"],
    ),
    (
        "A bill for an act relating to taxation; school district levies; increasing the "
        "equalizing factors for referendum and debt service equalization; amending Minnesota "
        "Statutes 2024, sections 123B.53, subdivision 4; 126C.17, subdivision 5.",
        {},
        True,
        ["levy-equalization"],
    ),
    (
        "A bill for an act relating to retirement; Teachers Retirement Association; providing an "
        "unreduced annuity at age 60 with 30 years of service; amending Minnesota Statutes 2024, "
        "section 354.44, subdivision 6.",
        {},
        True,
        ["pensions"],
    ),
    (
        "A bill for an act relating to motor vehicles; requiring stop-arm cameras on school buses; "
        "amending Minnesota Statutes 2024, section 169.4503, by adding a subdivision.",
        {},
        True,
        ["transportation"],
    ),
    (
        "Teacher licensure tiers modified, and out-of-state teacher reciprocity provided.",
        {},
        True,
        ["teacher-licensure"],
    ),
    (
        "Grow Your Own teacher pipeline grants expanded, and money appropriated.",
        {},
        True,
        ["teacher-pipeline"],
    ),
    (
        "Increase Teachers of Color Act grants for American Indian teachers increased.",
        {},
        True,
        ["teachers-of-color"],
    ),
    (
        "Voluntary prekindergarten made permanent, and early learning scholarships increased.",
        {},
        True,
        ["early-learning"],
    ),
    (
        "Students experiencing homelessness counted for compensatory revenue.",
        {},
        True,
        ["compensatory-revenue"],
    ),
    ("Universal school meals funding modified.", {}, True, ["school-meals"]),
    (
        "Unemployment insurance for hourly school employees between terms funded.",
        {},
        True,
        ["unemployment-paid-leave"],
    ),
    ("Cell phone policy required for public schools.", {}, True, ["technology-data-privacy"]),
    (
        "American Indian mascots prohibited, and exemption process modified.",
        {},
        True,
        ["american-indian-education"],
    ),
    ("Charter school authorizer oversight modified.", {}, True, ["charter-schools"]),
    (
        "Postsecondary enrollment options reimbursement rates increased.",
        {},
        True,
        ["p20-transitions"],
    ),
    ("Lockdown drill requirements modified.", {}, True, ["safety-drills-buildings"]),
    ("Tax credit for private school tuition established.", {}, True, ["nonpublic-vouchers"]),
    (
        "Ethnic studies graduation requirement delayed.",
        {},
        True,
        ["curriculum-mandates", "standards-assessment"],
    ),
    ("Dyslexia screening required in kindergarten.", {}, True, ["literacy"]),
    (
        "Long-term facilities maintenance revenue uses expanded to roofs and HVAC.",
        {},
        True,
        ["facilities"],
    ),
    ("Gifted and talented revenue increased.", {}, True, ["gifted-acceleration"]),
    ("School year allowed to begin before Labor Day.", {}, True, ["calendar-governance"]),
    (
        "Pupil Fair Dismissal Act modified to limit out-of-school suspensions.",
        {},
        True,
        ["discipline-student-rights"],
    ),
    ("School-linked behavioral health grants funded.", {}, True, ["safety-mental-health"]),
    (
        "Paraprofessionals provided paid orientation and health insurance.",
        {},
        True,
        ["school-employees"],
    ),
    (
        "Direct admissions program for high school seniors established.",
        {},
        True,
        ["p20-transitions"],
    ),
    ("Achievement and integration revenue modified.", {}, True, ["integration-equity"]),
    (
        "A bill for an act relating to state government; modifying grant programs.",
        {"committees": ["Education Finance"], "statutes": ["124D.2211"]},
        True,
        ["community-education"],
    ),
    ("Grant program modified.", {"committees": ["Education Policy"]}, True, []),
    # Hard negatives: school words that are not K-12 education.
    ("Continuing education requirements for real estate brokers modified.", {}, False, []),
    ("Speed limits in school zones reduced.", {}, False, []),
    (
        "Student loan refinancing program established in the Office of Higher Education.",
        {},
        False,
        [],
    ),
    ("Child care center licensing standards modified.", {}, False, []),
    (
        "A bill for an act relating to higher education; modifying the Minnesota State Grant "
        "program; amending Minnesota Statutes 2024, section 136A.121, subdivision 5.",
        {},
        False,
        [],
    ),
    ("Medical school residency slots funded.", {}, False, []),
    ("Driver's education instruction modified for applicants under 18.", {}, False, []),
    ("Public health education campaign on fentanyl funded.", {}, False, []),
    ("Paid family and medical leave premium rates modified.", {}, False, []),
    (
        "Earned sick and safe time required for employers, including school districts.",
        {},
        False,
        [],
    ),
    ("City charter commission procedures modified.", {}, False, []),
    ("Hunter education course requirements modified.", {}, False, []),
    ("Children's mental health crisis services grants funded.", {}, False, []),
    ("Student-athlete compensation permitted at postsecondary institutions.", {}, False, []),
    ("Grant program modified.", {"committees": ["Higher Education Finance and Policy"]}, False, []),
    (
        "A bill for an act relating to health; requiring the commissioner of health to study "
        "school health services in rural counties; proposing coding for new law in Minnesota "
        "Statutes, chapter 144.",
        {},
        False,
        [],
    ),
]


@pytest.mark.parametrize(("title", "extra", "relevant", "areas"), TAGGING)
def test_tagging_table(tagger, title, extra, relevant, areas):
    result = tagger.tag(BillSignals(title=title, **extra))
    assert result.relevant is relevant, result.reasons
    assert set(areas) <= set(result.area_codes()), result.issue_areas
    if not relevant:
        assert result.issue_areas == () and result.framework_items == ()


# --- reasons ----------------------------------------------------------------------------------


def test_reasons_name_the_statute_the_committee_and_the_phrase(tagger):
    result = tagger.tag(
        BillSignals(
            title="Referendum equalization aid increased for low property wealth districts.",
            statutes=["125A.76"],
            committees=["Education Finance"],
        )
    )
    reasons = {tag.code: tag.reasons for tag in result.issue_areas}
    assert (
        "amends Minnesota Statutes 125A.76 (special education aid)" in reasons["special-education"]
    )
    assert "referred to Education Finance" in reasons["special-education"]
    assert "title mentions 'Referendum equalization'" in reasons["levy-equalization"]
    assert "amends Minnesota Statutes 125A.76 (special education aid)" in result.reasons


def test_the_most_specific_statute_level_decides_the_area(tagger):
    lor = tagger.tag(BillSignals(title="Aid modified.", statutes=["126C.10, subd. 2e"]))
    formula = tagger.tag(BillSignals(title="Aid modified.", statutes=["126C.10, subd. 5"]))
    assert lor.area_codes() == ["referendum-local-levies"]
    assert formula.area_codes() == ["general-education-formula"]
    assert formula.issue_areas[0].reasons == (
        "amends Minnesota Statutes 126C.10, subd. 5 (general education revenue)",
    )


def test_a_k12_chapter_alone_makes_a_bill_relevant(tagger):
    result = tagger.tag(BillSignals(title="Aid payments modified.", statutes=["129C.10"]))
    assert result.relevant
    assert result.reasons[0] == (
        "amends Minnesota Statutes 129C.10 (Perpich Center for Arts Education)"
    )


def test_title_phrases_count_for_less_outside_education_law(tagger):
    title = "requiring school health services consultants"
    plain = tagger.tag(BillSignals(title="School health services consultants required."))
    health = tagger.tag(
        BillSignals(title=f"A bill for an act relating to health; {title}.", statutes=["144.05"])
    )
    assert plain.relevant and not health.relevant
    assert "official title relates to health, not education" in health.reasons
    assert "cites no education law (144.05)" in health.reasons


@pytest.mark.parametrize(
    ("title", "relevant"),
    [
        ("Statewide youth development network grant authorized.", True),
        ("Youth and family center grant funding provided.", False),  # youth alone is not school
        ("Locker room privacy requirements established.", True),
        ("Athletics eligibility rules modified.", True),
        ("Youth hunting license fees modified.", False),  # misleading: youth outside school
        ("Professional sports team stadium financing modified.", False),
    ],
)
def test_a_moderate_phrase_alone_is_just_enough(tagger, title, relevant):
    result = tagger.tag(BillSignals(title=title))
    assert result.relevant is relevant, result.reasons
    if relevant:
        assert 0.5 <= result.score < 0.7  # moderate, not the certainty of "school district"


def test_a_moderate_phrase_is_not_enough_under_another_subject(tagger):
    title = "A bill for an act relating to natural resources; modifying youth programs at parks."
    result = tagger.tag(BillSignals(title=title))
    assert not result.relevant
    assert "official title relates to natural resources, not education" in result.reasons


def test_tagging_is_deterministic_and_versioned(catalog, tagger):
    signals = BillSignals(
        title="Special education aid increased.", committees=["Education Finance"]
    )
    shipped = compile_catalog(catalog)
    assert tag_bill(signals, catalog) == tag_bill(signals, catalog) == shipped.tag(signals)
    assert tagger.tag(signals) == tagger.tag(signals)
    assert tagger.tag(signals).version.startswith(f"{TAGGER_VERSION}+catalog.")
    assert "+model." not in tagger.version
    assert shipped.version.startswith(f"{tagger.version}+model.")
    assert compile_catalog(catalog) is shipped


# --- framework items --------------------------------------------------------------------------


def test_framework_items_follow_their_areas_and_parents(tagger):
    result = tagger.tag(BillSignals(title="Referendum equalization factors indexed to inflation."))
    area = {tag.code: tag for tag in result.issue_areas}["levy-equalization"]
    items = {tag.key: tag for tag in result.framework_items}
    for key in (
        "amsd-2021/sd-1",
        "reimagine-mn/statewide-funding",
        "mnp20/equity-1",
        "mnp20/equity",
    ):
        assert items[key].confidence == area.confidence
    name = "Levy equalization and property taxes for schools"
    assert items["mnp20/equity"].reasons == (f"via issue area '{name}' ({area.confidence:.2f})",)


def test_an_item_takes_its_strongest_area(tagger):
    result = tagger.tag(
        BillSignals(title="Special education aid increased; a school meals study required.")
    )
    areas = {tag.code: tag.confidence for tag in result.issue_areas}
    items = {tag.key: tag for tag in result.framework_items}
    served_by_both = items["amsd-2021/sd-1"]
    assert served_by_both.confidence == max(areas["special-education"], areas["school-meals"])
    assert len(served_by_both.reasons) == 2


# --- full text ----------------------------------------------------------------------------------

SCHOOL_SENTENCE = "A school district must provide special education services to each pupil. "
HEALTH_SENTENCE = "The commissioner of health shall license each hospital under this chapter. "


def test_dense_text_adds_capped_evidence(tagger, catalog):
    result = tagger.tag(BillSignals(title="Services modified.", text=SCHOOL_SENTENCE * 40))
    sped = {tag.code: tag for tag in result.issue_areas}["special-education"]
    assert result.relevant
    assert sped.confidence <= tagger.weights.text_area_cap
    assert sped.reasons[0].startswith("bill text mentions 'special education' 40 times")


def test_sparse_school_words_in_a_long_text_do_not_make_it_relevant(tagger):
    text = HEALTH_SENTENCE * 400 + SCHOOL_SENTENCE * 2
    assert not tagger.tag(BillSignals(title="Hospital licensing modified.", text=text)).relevant


# --- learned evidence ---------------------------------------------------------------------------


def _decisions():
    learned = pytest.importorskip("tracker.tagging.learned")
    accepted = [
        f"Paraprofessional training grants for {place} districts established."
        for place in (
            "rural",
            "metro",
            "suburban",
            "northern",
            "southern",
            "western",
            "eastern",
            "urban",
            "small",
            "large",
            "regional",
            "border",
        )
    ]
    rejected = [
        f"Paraprofessional supervision in {job} clinics modified."
        for job in (
            "home care",
            "dental",
            "legal",
            "veterinary",
            "pharmacy",
            "optometry",
            "physical therapy",
            "chiropractic",
            "massage",
            "tattoo",
            "funeral",
            "barber",
        )
    ]
    decisions = [learned.Decision.of(BillSignals(t), "school-employees", True) for t in accepted]
    decisions += [learned.Decision.of(BillSignals(t), "school-employees", False) for t in rejected]
    return learned, decisions


def test_learned_evidence_moves_confidence_the_way_staff_decided(tagger):
    learned, decisions = _decisions()
    model = learned.train(decisions)
    assert model is not None and model.areas == ["school-employees"]
    liked = BillSignals("Paraprofessional training grants for central districts established.")
    disliked = BillSignals("Paraprofessional supervision in respiratory therapy clinics modified.")
    for signals, direction, words in ((liked, 1, "similar to"), (disliked, -1, "unlike the")):
        before = {t.code: t for t in tagger.tag(signals).issue_areas}["school-employees"]
        after = tagger.tag(signals, model=model)
        moved = {t.code: t for t in after.issue_areas}.get("school-employees")
        if direction > 0:
            assert moved is not None and moved.confidence > before.confidence
        else:
            assert moved is None or moved.confidence < before.confidence
        if moved is not None:
            assert any(r.startswith(f"{words} 12 bills staff tagged") for r in moved.reasons)
        assert "+learned." in after.version


def test_no_model_below_the_decision_threshold():
    learned, decisions = _decisions()
    assert learned.train(decisions[:5] + decisions[-5:]) is None
    assert learned.train([d for d in decisions if d.accepted]) is None


def test_the_learned_model_pickles(tagger):
    learned, decisions = _decisions()
    model = learned.train(decisions)
    copy = pickle.loads(pickle.dumps(model))
    signals = BillSignals("Paraprofessional training grants for central districts established.")
    assert copy.evidence(signals) == model.evidence(signals)


@pytest.mark.parametrize("shipped", [False, True], ids=["rules", "shipped model"])
def test_committees_alone_make_only_a_thin_suggestion(catalog, shipped) -> None:
    """A relevant bill is always filed somewhere, but a referral alone is marked a guess."""
    tagger = compile_catalog(catalog) if shipped else Tagger(catalog)
    signals = BillSignals(
        title="A bill for an act relating to state government; modifying fees.",
        committees=("Education Finance", "Ways and Means", "Education Policy"),
    )
    result = tagger.tag(signals)
    assert result.relevant, "an education committee referral still counts for relevance"
    assert len(result.issue_areas) == 1
    assert THIN_EVIDENCE in result.issue_areas[0].reasons


# --- stems, word order and overlapping phrases ---------------------------------------------

MATCHER_PHRASES = [
    ("educational facilit*", "facilities"),
    ("holocaust education", "holocaust"),
    ("teacher licens*", "licensure"),
    ("school levy", "levies"),
    ("levy equalization", "equalization"),
    ("concurrent enrollment", "concurrent"),
    ("enrollment aid", "formula"),
    ("home school*", "home"),
    ("school mandate*", "mandates"),
    ("athletics", "athletics"),
    ("drilling", None),
    ("lockdown drill*", "drills"),
    ("after school", "after"),
    ("epinephrine", "health"),
]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # Inflections and derived forms meet through the stemmer.
        ("Education facility grants", [("facilities", False, False)]),
        ("Licensed teacher requirements", [("licensure", True, False)]),
        ("Teacher licensing fees", [("licensure", False, False)]),
        # Word order is relaxed within a clause, not across one.
        ("Instruction in education on the Holocaust", [("holocaust", True, False)]),
        ("Education funding; the Holocaust memorial", []),
        # Overlapping phrases: the head names the subject, a measure word qualifies.
        ("school levy equalization", [("levies", False, True), ("equalization", False, False)]),
        ("concurrent enrollment aid", [("concurrent", False, False), ("formula", False, True)]),
        ("Home schools mandates", [("home", False, False), ("mandates", False, True)]),
        # A one-word phrase is the word as written, or its plural.
        ("Student athlete compensation", []),
        ("School athletics", [("athletics", False, False)]),
        ("Lockdown drills required", [("drills", False, False)]),
        ("Oil drilling permits", []),
        ("Afterschool programs", [("after", False, False)]),
        ("Epinephrine auto-injectors", [("health", False, False)]),
    ],
)
def test_phrases_match_by_stem_in_any_order_and_overlaps_resolve(text, found):
    matcher: PhraseMatcher[str | None] = PhraseMatcher(MATCHER_PHRASES)
    assert [(m.payload, m.loose, m.modifier) for m in matcher.find(text)] == found


def test_the_stemmer_keeps_words_of_other_meanings_apart():
    assert stem("facilities") == stem("facility")
    assert stem("educational") == stem("education")
    assert stem("educator") != stem("education")
    assert stem("equalization") != stem("equal")


def test_grade_spans_are_about_schooling_not_early_learning(tagger):
    result = tagger.tag(
        BillSignals(title="Prekindergarten through grade 12 education provisions modified.")
    )
    assert result.relevant
    assert "early-learning" not in result.area_codes()
    plain = tagger.tag(BillSignals(title="Prekindergarten programs expanded."))
    assert plain.area_codes()[:1] == ["early-learning"]


def test_a_measure_word_yields_the_bill_to_its_subject(catalog):
    shipped = compile_catalog(catalog)
    result = shipped.tag(BillSignals(title="Concurrent enrollment aid formula fully funded."))
    assert result.area_codes()[0] == "p20-transitions"


def test_an_item_named_in_its_plan_s_words_is_linked_with_that_reason(catalog):
    shipped = compile_catalog(catalog)
    result = shipped.tag(BillSignals("Statewide longitudinal data system governance modified."))
    items = {tag.key: tag for tag in result.framework_items}
    assert (
        "the plan's own words: title mentions 'longitudinal data'" in items["mnp20/data-2"].reasons
    )
    assert "mnp20/data-proven-practice" in items  # the commitment it nests under


def test_items_that_are_not_bill_topics_are_never_suggested(catalog):
    shipped = compile_catalog(catalog)
    not_topics = {item.key for item in catalog.items if not item.bill_topic}
    bills = parse_labels((FILES / "tagger_labels.jsonl").read_text().splitlines())
    suggested = {tag.key for bill in bills for tag in shipped.tag(bill.signals).framework_items}
    assert suggested and not suggested & not_topics
