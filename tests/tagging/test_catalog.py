"""The catalog: the shipped files load, and a bad file fails with a message naming file and item."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest

from tests.conftest import SHARED
from tracker.rules.statutes import Cite
from tracker.tagging.catalog import DATA_DIR, ITEM_KINDS, CatalogError, load_catalog

GOOD_AREAS = """
[relevance]
chapters = [{ cite = "125A", label = "special education" }]
phrases = ["school district*"]
misleading = ["continuing education"]
committees = ["education"]
education_topics = ["education"]

[[areas]]
code = "special-education"
name = "Special education"
description = "Special education and its aid."
statutes = [{ cite = "125A.76", label = "special education aid" }, "125A"]
phrases = ["special education"]
serves = ["plan/sd-1"]
"""

GOOD_FRAMEWORK = """
[framework]
id = "plan"
organization = "An association"
name = "A plan"
year = 2024
source = "a test"

[[items]]
code = "sd-1"
kind = "strategic_direction"
text = "Advocate for funding."

[[items]]
code = "c-1"
kind = "commitment"
text = "Equity"

[[items]]
code = "c-1-a"
kind = "commitment_bullet"
parent = "c-1"
text = "Equitable systems"
"""


def write_catalog(root: Path, areas: str = GOOD_AREAS, framework: str = GOOD_FRAMEWORK) -> Path:
    (root / "frameworks").mkdir(parents=True)
    (root / "issue_areas.toml").write_text(textwrap.dedent(areas), encoding="utf-8")
    (root / "frameworks" / "plan.toml").write_text(textwrap.dedent(framework), encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def catalog():
    return load_catalog()


def test_shipped_catalog_has_the_five_plans(catalog):
    ids = {f.id for f in catalog.frameworks}
    assert ids == {"amsd-roadmap", "amsd-2021", "reimagine-mn", "mnp20", "consortium-2034"}


@pytest.mark.parametrize(
    ("framework", "kind", "count"),
    [
        ("reimagine-mn", "recommendation", 3),
        ("reimagine-mn", "strategy", 9),
        ("mnp20", "commitment", 4),
        ("mnp20", "commitment_bullet", 13),
        ("amsd-2021", "strategic_direction", 4),
        ("amsd-2021", "belief", 4),
        ("amsd-roadmap", "strategic_direction", 4),
        ("amsd-roadmap", "legislative_aim", 3),
        ("consortium-2034", "core_value", 7),
    ],
)
def test_framework_items_by_kind(catalog, framework, kind, count):
    items = [i for i in catalog.items if i.framework == framework and i.kind == kind]
    assert len(items) == count


def test_commitment_bullets_nest_under_their_commitment(catalog):
    bullet = catalog.item("mnp20/equity-2")
    assert bullet.parent == "equity"
    assert catalog.item("mnp20/equity").text == "Equity"


def test_shipped_areas_are_a_usable_taxonomy(catalog):
    codes = [a.code for a in catalog.areas]
    assert 28 <= len(codes) <= 35
    assert len(set(codes)) == len(codes)
    for area in catalog.areas:
        assert area.serves, f"{area.code} serves no framework item"
        assert area.phrases or area.statutes


def test_referendum_equalization_serves_the_curated_items(catalog):
    serves = set(catalog.area("levy-equalization").serves)
    assert {"amsd-2021/sd-1", "reimagine-mn/statewide-funding", "mnp20/equity-1"} <= serves


def test_statute_cites_parse_into_levels(catalog):
    cites = {spec.cite for area in catalog.areas for spec in area.statutes}
    assert Cite("125A", "125A.76") in cites
    assert Cite("126C", "126C.10", "2e") in cites
    assert Cite("124E") in cites


@pytest.mark.skipif(not (SHARED / "seeds").is_dir(), reason="shared/seeds is not on this machine")
def test_item_texts_are_verbatim_from_the_seeds(catalog):
    seeds = " ".join(p.read_text(encoding="utf-8") for p in (SHARED / "seeds").glob("0*.txt"))
    seeds = re.sub(r"\s+", " ", seeds)
    for item in catalog.items:
        assert re.sub(r"\s+", " ", item.text) in seeds, item.key


def test_a_minimal_catalog_loads(tmp_path):
    catalog = load_catalog(write_catalog(tmp_path))
    assert [a.code for a in catalog.areas] == ["special-education"]
    assert catalog.item("plan/c-1-a").parent == "c-1"
    assert catalog.area("special-education").statutes[1].cite == Cite("125A")


BAD_FRAMEWORKS = [
    (
        "duplicate code",
        GOOD_FRAMEWORK + '\n[[items]]\ncode = "sd-1"\nkind = "belief"\ntext = "Again"\n',
        r"plan\.toml: item 'sd-1' is defined twice",
    ),
    (
        "unknown kind",
        GOOD_FRAMEWORK + '\n[[items]]\ncode = "x"\nkind = "slogan"\ntext = "Go"\n',
        r"plan\.toml: item 'x': unknown kind 'slogan'",
    ),
    (
        "missing parent",
        GOOD_FRAMEWORK + '\n[[items]]\ncode = "x"\nkind = "belief"\nparent = "nope"\ntext = "Go"\n',
        r"plan\.toml: item 'x': parent 'nope' is not an item of this file",
    ),
    (
        "parent loop",
        GOOD_FRAMEWORK
        + '\n[[items]]\ncode = "a"\nkind = "belief"\nparent = "b"\ntext = "A"\n'
        + '\n[[items]]\ncode = "b"\nkind = "belief"\nparent = "a"\ntext = "B"\n',
        r"plan\.toml: item '[ab]': parents form a loop",
    ),
    (
        "unknown field",
        GOOD_FRAMEWORK + '\n[[items]]\ncode = "x"\nkind = "belief"\ntext = "Go"\ntxet = "typo"\n',
        r"plan\.toml: item 'x': unknown field\(s\) 'txet'",
    ),
    (
        "missing text",
        GOOD_FRAMEWORK + '\n[[items]]\ncode = "x"\nkind = "belief"\n',
        r"plan\.toml: item 'x': 'text' must be a non-empty string",
    ),
    ("not TOML", "[framework\nid = 1", r"plan\.toml: not valid TOML"),
    (
        "year not a number",
        GOOD_FRAMEWORK.replace("year = 2024", 'year = "2024"'),
        r"plan\.toml: framework 'plan': 'year' must be a whole number",
    ),
]


@pytest.mark.parametrize(
    ("case", "framework", "message"), BAD_FRAMEWORKS, ids=[c[0] for c in BAD_FRAMEWORKS]
)
def test_a_bad_framework_file_names_the_file_and_item(tmp_path, case, framework, message):
    root = write_catalog(tmp_path, framework=framework)
    with pytest.raises(CatalogError, match=message):
        load_catalog(root)


BAD_AREAS = [
    (
        "area serves an unknown item",
        GOOD_AREAS.replace('serves = ["plan/sd-1"]', 'serves = ["plan/sd-9"]'),
        r"issue_areas\.toml: area 'special-education' serves unknown framework item 'plan/sd-9'",
    ),
    (
        "bad statute cite",
        GOOD_AREAS.replace('"125A"]', '"section one-twenty-five"]'),
        r"issue_areas\.toml: area 'special-education': statutes entry 'section one-twenty-five' "
        r"is not a Minnesota Statutes cite",
    ),
    (
        "bad phrase",
        GOOD_AREAS.replace('phrases = ["special education"]', 'phrases = ["special (ed)"]'),
        r"issue_areas\.toml: area 'special-education': "
        r"phrases entry 'special \(ed\)' may only hold",
    ),
    (
        "duplicate area",
        GOOD_AREAS + GOOD_AREAS[GOOD_AREAS.index("[[areas]]") :],
        r"issue_areas\.toml: area 'special-education' is defined twice",
    ),
    (
        "unknown area field",
        GOOD_AREAS.replace('phrases = ["special', 'phrase = ["special'),
        r"issue_areas\.toml: area 'special-education': unknown field\(s\) 'phrase'",
    ),
    (
        "area without evidence",
        GOOD_AREAS.replace(
            'statutes = [{ cite = "125A.76", label = "special education aid" }, "125A"]\n', ""
        ).replace('phrases = ["special education"]\n', ""),
        r"area 'special-education' needs statutes or phrases",
    ),
]


@pytest.mark.parametrize(("case", "areas", "message"), BAD_AREAS, ids=[c[0] for c in BAD_AREAS])
def test_a_bad_issue_areas_file_names_the_file_and_area(tmp_path, case, areas, message):
    root = write_catalog(tmp_path, areas=areas)
    with pytest.raises(CatalogError, match=message):
        load_catalog(root)


def test_framework_ids_must_be_unique_across_files(tmp_path):
    root = write_catalog(tmp_path)
    (root / "frameworks" / "copy.toml").write_text(
        textwrap.dedent(GOOD_FRAMEWORK), encoding="utf-8"
    )
    with pytest.raises(CatalogError, match="framework id 'plan' is used by two files"):
        load_catalog(root)


def test_every_documented_kind_is_known():
    header = (DATA_DIR / "frameworks" / "amsd-2021.toml").read_text()
    for kind in ITEM_KINDS:
        assert kind in header


# --- framework items that say something -------------------------------------------------------


def test_every_item_is_a_bill_topic_reachable_by_evidence_or_declared_not_one(catalog):
    served = {key for area in catalog.areas for key in area.serves}
    parents = {
        f"{i.framework}/{i.parent}"
        for i in catalog.items
        if i.parent and (i.key in served or i.phrases)
    }
    for item in catalog.items:
        if item.bill_topic:
            assert item.key in served or item.phrases or item.key in parents, item.key
        else:
            assert item.key not in served and not item.phrases, item.key
    not_topics = {i.key for i in catalog.items if not i.bill_topic}
    assert {
        "amsd-2021/mission",
        "amsd-2021/vision",
        "amsd-2021/process-1",
        "mnp20/mission",
    } <= not_topics
    assert "amsd-2021/sd-1" not in not_topics


def test_every_shipped_item_has_a_short_label(catalog):
    for item in catalog.items:
        assert item.short and len(item.short) <= 45, item.key


def test_broad_items_are_those_a_third_of_the_areas_serve(catalog):
    assert "amsd-2021/sd-1" in catalog.broad
    assert "mnp20/data-2" not in catalog.broad
    assert len(catalog.broad) <= 5


def test_an_area_may_not_serve_an_item_that_is_not_a_bill_topic(tmp_path):
    framework = GOOD_FRAMEWORK.replace(
        'code = "sd-1"\nkind = "strategic_direction"',
        'code = "sd-1"\nkind = "strategic_direction"\nbill_topic = false',
    )
    with pytest.raises(CatalogError, match="declares not a bill topic"):
        load_catalog(write_catalog(tmp_path, framework=framework))


def test_an_item_without_a_short_label_gets_its_first_words(tmp_path):
    catalog = load_catalog(write_catalog(tmp_path))
    assert catalog.item("plan/sd-1").short_label == "Advocate for funding."
    assert catalog.item("plan/sd-1").bill_topic is True
