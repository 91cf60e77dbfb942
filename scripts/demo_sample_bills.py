"""The bills of the demo sample, as data: one `Bill` row each (94th Legislature).

SF 1832 and HF 2136 are real public records (the project's own fixtures, typed from the
public record). Every other bill is invented or composite: a number, title, author and
action list written for the demo in the Revisor's style, not the real bill of that number.

A bill's `path` is one action step a line: `DATE CHAMBER step [argument]` (`-` for a blank
date; H or S for the chamber block; steps are in make_demo_sample.HOUSE_STEPS and
SENATE_STEPS and expand to the Revisor's real action strings). `authors` is the chief
author first; after a "/" come authors in the other chamber. Statute notation is in
demo_sample_text. `stage` is where tracker.rules.stage places the bill on sine die,
2026-05-18 (the demo, run later, shows unfinished regular-session bills as dead).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

# Committees the sample refers to: key -> (COMMITTEE_ID, COMMITTEE_NAME). The ids of
# 94003, 94005, 94006, 94018, 94024, 3119, 3124, 3127, 1007 and 1017 are the real ones
# (mn_sources.md §8); the other ids are placeholders in the same style.
COMMITTEES = {
    "EDF": ("94005", "Education Finance"),
    "EDP": ("94006", "Education Policy"),
    "WM": ("94024", "Ways and Means"),
    "CFF": ("94003", "Children and Families Finance and Policy"),
    "PSF": ("94018", "Public Safety Finance and Policy"),
    "TAX": ("94025", "Taxes"),
    "WLE": ("94027", "Workforce, Labor, and Economic Development Finance and Policy"),
    "ENR": ("94010", "Environment and Natural Resources Finance and Policy"),
    "TRN": ("94022", "Transportation Finance and Policy"),
    "HLT": ("94013", "Health Finance and Policy"),
    "COM": ("94002", "Commerce Finance and Policy"),
    "SGV": ("94020", "State Government Finance and Policy"),
    "CAP": ("94001", "Capital Investment"),
    "SEF": ("3119", "Education Finance"),
    "SEP": ("3120", "Education Policy"),
    "FIN": ("1007", "Finance"),
    "JED": ("3127", "Jobs and Economic Development"),
    "RUL": ("1017", "Rules and Administration"),
    "STX": ("3130", "Taxes"),
    "SEN": ("3125", "Environment, Climate, and Legacy"),
    "STR": ("3133", "Transportation"),
    "SHH": ("3122", "Health and Human Services"),
    "SCM": ("3118", "Commerce and Consumer Protection"),
    "SSG": ("3134", "State and Local Government"),
    "SLR": ("3126", "Labor"),
    "SJU": ("3123", "Judiciary and Public Safety"),
}

# Members named on the real records keep their real legislator keys; the invented
# members of the invented bills get keys from 97001 up (no real member has them).
REAL_KEYS = {
    "Champion": "15317",
    "Pinto": "15444",
    "Johnson, P.": "15636",
    "Virnig": "15625",
    "Duran": "15629",
    "Zeleznikar": "15624",
}
INVENTED_MEMBERS = (
    "Aaberg",
    "Brekke",
    "Castellanos",
    "Dahlquist",
    "Engebretsen",
    "Fairbanks",
    "Grangaard",
    "Haugland",
    "Ibsen",
    "Jaspers",
    "Kvamme",
    "Lachowitz",
    "Moua-Lind",
    "Nordgaard",
    "Oyelaran",
    "Pietila",
    "Quist",
    "Solheim",
    "Thorsrud",
    "Ulvestad",
    "Vang-Olson",
    "Wennberg",
    "Ystad",
    "Zumbrunnen",
    "Amundsen",
    "Bjornstad",
    "Carlsen-Ruiz",
    "Dvorak",
    "Ellingboe",
    "Fossum",
    "Gilbertson",
    "Hagebak",
    "Isaacson",
    "Jorgensen-Hill",
    "Kittelson",
    "Lindgren",
    "Mattila",
    "Naslund",
    "Ostrander",
    "Pederstuen",
    "Rud",
    "Sandvik",
    "Tollefsrud",
    "Uhrich",
    "Vikander",
    "Wahlstrom",
)


def member_key(name: str) -> str:
    if name in REAL_KEYS:
        return REAL_KEYS[name]
    return str(97001 + INVENTED_MEMBERS.index(name))


# Companions named by sample bills that are deliberately not in the sample.
MISSING_COMPANIONS = {
    "SF 2551": "HF 2136's real companion, left out: a companion the crawl has not seen",
}


SPECIAL_ED_AID = (
    "The sums indicated in this section are appropriated from the general fund to the "
    "Department of Education for the fiscal years designated.\n"
    "For special education aid under Minnesota Statutes, section 125A.75:\n"
    "$2,390,138,000 ..... 2026\n{fy2027} ..... 2027"
)


@dataclass(frozen=True)
class Bill:
    key: str  # "HF 12"
    year: int  # the year introduced (the status URL's year)
    short: str  # DESCRIPTION
    title: str  # "relating to ...; ..." (the clauses naming statutes are added) or a full title
    stage: str  # tracker Stage value on 2026-05-18
    shows: str  # what the bill demonstrates (manifest.tsv)
    path: str = ""
    authors: str = ""
    companion: str = ""
    amend: str = ""
    new: str = ""
    repeal: str = ""
    gist: tuple[str, ...] = ()  # sentences for the text page's sections
    approp: tuple[str, str] | None = None  # (heading, text) of an appropriation section
    special: int = 0
    education: bool = True
    source: str = "invented"  # real | composite | invented
    no_text: bool = False
    lowercase_tags: bool = False
    revisor_number: str = ""
    raw_actions: tuple[tuple[str, ...], ...] = ()  # real records: typed action rows
    raw_versions: tuple[tuple[str, ...], ...] = ()
    author_order: tuple[str, ...] = ()
    action_order: tuple[str, ...] = ()
    resolution_text: str = ""
    # Earlier versions whose text differs: (version index, fields as that version had them);
    # a version not listed reads as the fields above (the newest text).
    drafts: tuple[tuple[int, dict[str, Any]], ...] = ()

    @property
    def type(self) -> str:
        return self.key.split()[0]

    @property
    def number(self) -> int:
        return int(self.key.split()[1])

    @property
    def statutes_year(self) -> int:
        return self.year - 1

    @property
    def revisor(self) -> str:
        return self.revisor_number or f"{self.year % 100}-{(self.number * 397) % 9000 + 500:05d}"

    def _names(self, part: int) -> tuple[str, ...]:
        chambers = self.authors.split("/")
        if part >= len(chambers):
            return ()
        return tuple(n.strip() for n in chambers[part].split(";") if n.strip())

    @property
    def origin_authors(self) -> tuple[str, ...]:
        return self._names(0)

    @property
    def other_authors(self) -> tuple[str, ...]:
        return self._names(1)


# -- the two real records (tests/files/mn_bills_SF1832.xml, mn_bills_HF2136.xml) -----------
# Action rows: (chamber, date, journal page, ACTION_TEXT, ACTION_DESCRIPTION, committee, roll).

SF1832_CONFEREES_S = "Champion; McEwen; Mohamed; Hauschild; Oumou Verbeten; Draheim"
SF1832 = Bill(
    key="SF 1832",
    year=2025,
    short="Omnibus Jobs, Labor Economic Development policy and appropriations",
    title=(
        "A bill for an act relating to jobs; establishing a biennial budget for workforce, "
        "labor, and economic development; appropriating money for the Department of "
        "Employment and Economic Development, Explore Minnesota, Department of Labor and "
        "Industry, Workers' Compensation Court of Appeals, and Bureau of Mediation Services; "
        "making various policy and technical changes; requiring reports; amending Minnesota "
        "Statutes 2024, sections 116J.431, subdivision 2; 116J.682, subdivisions 2, 3; "
        "116J.8733, subdivision 4; 116J.8752, subdivision 2; 116L.03, subdivision 2; 116L.04, "
        "subdivisions 1, 1a; 116L.05, subdivision 5; 116L.562, subdivisions 1, 3; 116L.98, "
        "subdivision 2; 116U.05; 116U.06; 116U.15; 116U.30; 116U.35; 177.27, subdivision 5; "
        "181.211, subdivisions 7, 8; 181.931, by adding subdivisions; 181.932, subdivision 1; "
        "181.988, subdivision 2; 248.07, subdivisions 7, 8; 326B.0981, subdivision 4; "
        "326B.198, subdivisions 2, 3; 326B.31, subdivision 29; 326B.33, subdivision 21; "
        "326B.43, by adding a subdivision; 469.54, subdivision 4; Laws 2023, chapter 53, "
        "article 20, section 2, subdivisions 2, as amended, 3, as amended; article 21, "
        "section 7, as amended; Laws 2023, chapter 64, article 15, section 30; Laws 2024, "
        "chapter 120, article 1, sections 2, subdivision 3; 4; Laws 2024, chapter 127, "
        "article 14, section 3; repealing Minnesota Statutes 2024, sections 116L.35; "
        "116L.98, subdivision 7; Laws 2024, chapter 120, article 1, section 13."
    ),
    amend="116J.431:2; 116J.682:2,3; 177.27:5",
    repeal="116L.35; 116L.98:7",
    gist=(
        "The commissioner of employment and economic development may award grants under "
        "this section to eligible applicants.",
        "Grants awarded under this subdivision must be matched by nonstate sources.",
    ),
    authors="Champion / Pinto",
    companion="HF 2440",
    stage="in_conference",
    shows="real record, featured by the demo: both chambers, roll calls, conference, blank "
    "dates, page suffixes, unofficial engrossments, lower-case chamber tags",
    education=False,
    source="real",
    lowercase_tags=True,
    revisor_number="25-00179",
    author_order=("senate", "house"),
    action_order=("house", "senate"),
    raw_actions=(
        ("house", "2025-04-30", "2834", "Received from Senate", "", "", ""),
        ("house", "2025-04-30", "2834", "Senate file first reading, referred to", "", "WM", ""),
        ("house", "2025-05-07", "3203a", "Committee report, to adopt as amended", "", "", ""),
        ("house", "2025-05-07", "3268", "Second reading", "", "", ""),
        (
            "house",
            "2025-05-07",
            "3269",
            "House rule 1.21, placed on Calendar for the Day",
            "Friday, May 9, 2025",
            "",
            "",
        ),
        ("house", "2025-05-09", "3471a", "Amended", "", "", ""),
        ("house", "2025-05-09", "3477", "Third reading as amended", "", "", ""),
        ("house", "2025-05-09", "3477", "Bill was passed as amended", "", "", "115-19"),
        (
            "house",
            "2025-05-12",
            "3507",
            "Senate refuses to concur, conference committee of 6 requested",
            "",
            "",
            "",
        ),
        ("house", "2025-05-12", "3507", "Senate conferees", SF1832_CONFEREES_S, "", ""),
        (
            "house",
            "2025-05-12",
            "3508",
            "House accedes, conference committee of 6 to be appointed",
            "",
            "",
            "",
        ),
        (
            "house",
            "2025-05-12",
            "3508",
            "House conferees",
            "Pinto, Greenman, Frazier, Baker, Zeleznikar, Mekeland",
            "",
            "",
        ),
        ("senate", "2025-02-24", "486", "Introduction and first reading", "", "", ""),
        ("senate", "2025-02-24", "", "Referred to", "", "JED", ""),
        (
            "senate",
            "2025-04-10",
            "1798a",
            "Comm report: To pass as amended and re-refer to",
            "",
            "FIN",
            "",
        ),
        ("senate", "2025-04-10", "1870", "Rule 12.10:  report of votes in committee", "", "", ""),
        ("senate", "2025-04-25", "3970a", "Comm report: To pass as amended", "", "", ""),
        ("senate", "2025-04-25", "4010", "Second reading", "", "", ""),
        (
            "senate",
            "2025-04-28",
            "4115",
            "General Orders: Stricken and re-referred to",
            "",
            "FIN",
            "",
        ),
        ("senate", "2025-04-28", "4141a", "Comm report: To pass as amended", "", "", ""),
        ("senate", "2025-04-28", "4142", "Second reading", "", "", ""),
        ("senate", "2025-04-29", "4150a", "Special Order: Amended", "", "", ""),
        ("senate", "2025-04-29", "4172", "Third reading Passed as amended", "", "", "35-30"),
        ("senate", "2025-05-12", "4879", "Returned from House with amendment", "", "", ""),
        (
            "senate",
            "2025-05-12",
            "4880",
            "Senate not concur, conference committee requested",
            "",
            "",
            "",
        ),
        ("senate", "2025-05-12", "4937", "Senate conferees", SF1832_CONFEREES_S, "", ""),
        (
            "senate",
            "2025-05-13",
            "4943",
            "House conferees",
            "Pinto; Greenman; Frazier; Baker; Zeleznikar; Mekeland",
            "",
            "",
        ),
        ("senate", "", "6285", "Joint rule 3.02, conference committee discharged", "", "", ""),
        ("senate", "", "", "Laid on table", "", "", ""),
    ),
    # (version path, DATE_INSERT, DOCUMENT_NAME, DOCUMENT_TYPE, engrossment, has PDF)
    raw_versions=(
        ("0", "2025-02-21 08:44:29", "2025.0-SF1832-0", "official", "0", "pdf"),
        ("1", "2025-04-11 13:50:33", "2025.0-SF1832-1", "official", "1", "pdf"),
        ("2", "2025-04-25 10:24:40", "2025.0-SF1832-2", "official", "2", "pdf"),
        ("3", "2025-04-28 17:08:57", "2025.0-SF1832-3", "official", "3", "pdf"),
        ("4", "2025-04-29 19:23:28", "2025.0-SF1832-4", "official", "4", "pdf"),
        ("ue/1", "2025-05-07 11:38:11", "2025.0-UES1832-1", "ue", "1", "pdf"),
        ("ue/2", "2025-05-09 16:44:20", "2025.0-UES1832-2", "ue", "2", "pdf"),
    ),
)

HF2136 = Bill(
    key="HF 2136",
    year=2025,
    short="Grant funding provided for forensic interview training scholarships, and money "
    "appropriated.",
    title=(
        "A bill for an act relating to children, youth, and families; appropriating money for "
        "grants for forensic interview training scholarships."
    ),
    approp=(
        "APPROPRIATIONS; FORENSIC INTERVIEW TRAINING SCHOLARSHIPS.",
        "$250,000 in fiscal year 2026 and $250,000 in fiscal year 2027 are appropriated from "
        "the general fund to the commissioner of children, youth, and families for grants to "
        "nationally recognized forensic interview protocol organizations to award scholarships "
        "for basic forensic interview training, advanced forensic interview training, and "
        "training on specialized interview topics. Scholarship recipients may include "
        "individuals in law enforcement, child protection, and prosecution; health "
        "professionals investigating, treating, and managing child maltreatment cases in "
        "Minnesota; and forensic interviewers at children's advocacy centers.",
    ),
    authors="Johnson, P.; Virnig; Duran; Zeleznikar",
    companion="SF 2551",
    stage="in_committee",
    shows="real record: authors added, committee report and re-referral, recalled on "
    "2026-03-09; its companion SF 2551 is not in the sample",
    education=False,
    source="real",
    revisor_number="25-04304",
    raw_actions=(
        (
            "house",
            "2025-03-10",
            "641",
            "Introduction and first reading, referred to",
            "",
            "CFF",
            "",
        ),
        ("house", "2025-03-11", "658", "Author added", "Virnig", "", ""),
        ("house", "2025-03-17", "833", "Author added", "Duran", "", ""),
        ("house", "2025-03-20", "882", "Author added", "Zeleznikar", "", ""),
        ("house", "2025-03-24", "904", "Committee report, to adopt and re-refer to", "", "PSF", ""),
        (
            "house",
            "2026-03-09",
            "4835",
            "Motion to recall and re-refer, motion prevailed",
            "",
            "CFF",
            "",
        ),
    ),
    raw_versions=(("0", "2025-03-10 09:08:06", "2025.0-HF2136-0", "official", "0", ""),),
)


# -- invented and composite bills, regular session 2025-2026 --------------------------------

REGULAR: tuple[Bill, ...] = (
    Bill(
        "HF 2",
        2025,
        "Education; Read Act modified.",
        "education; modifying the Read Act; modifying literacy screening and reporting "
        "requirements; appropriating money",
        amend="120B.12:1,2; 120B.123:1",
        gist=("Each school district must [screen|administer an approved screener to] students.",),
        authors="Aaberg; Brekke; Castellanos / Amundsen",
        companion="SF 130",
        path="""
        2025-01-16 H intro EDP
        2025-02-11 H adopt+> EDF
        2025-03-04 H adopt+
        2025-03-04 H second
        2025-03-20 H calendar
        2025-03-20 H pass 128-4
        2025-03-24 S received SEP
        2025-03-24 S compare SF130
        2025-04-03 S special
        2025-04-03 S floor+ 61-4
        2025-04-07 H returned
        2025-04-07 H concur 126-5
        2025-04-08 H present
        2025-04-10 H approve
        2025-04-10 H sos 14
        2025-04-10 H effective 07/01/2025
        """,
        stage="enacted",
        shows="READ Act; enacted with a chapter (House form: Secretary of State Chapter 14)",
    ),
    Bill(
        "HF 12",
        2025,
        "Basic formula allowance increased and indexed to inflation, and money appropriated.",
        "education finance; increasing the general education basic formula allowance; "
        "indexing the basic formula allowance to inflation; appropriating money",
        amend="126C.10:2,2a; 126C.13:4",
        gist=(
            "The basic formula allowance is [$7,281|$7,602] for fiscal year 2026 and the "
            "amount in the prior year adjusted for inflation for later fiscal years.",
        ),
        authors="Brekke; Dahlquist; Fairbanks",
        companion="SF 34",
        path="""
        2025-01-16 H intro EDF
        2025-02-06 H author Fairbanks
        2025-03-11 H adopt+> WM
        2026-03-10 H author Ibsen
        """,
        stage="in_committee",
        shows="formula and inflation; re-referred to Ways and Means; author added in the week",
    ),
    Bill(
        "HF 45",
        2025,
        "Special education cross-subsidy reduction aid increased.",
        "education finance; increasing special education cross subsidy reduction aid; "
        "appropriating money",
        amend="125A.76:2c,2e; 125A.79:1",
        gist=(
            "Cross subsidy reduction aid equals [6.43|50] percent of the district's cross subsidy.",
        ),
        authors="Castellanos; Haugland",
        companion="SF 88",
        path="""
        2025-01-23 H intro EDF
        2026-03-05 H adopt+> WM
        """,
        stage="in_committee",
        shows="special education cross-subsidy; committee report and re-referral the week before",
    ),
    Bill(
        "HF 157",
        2025,
        "English learner revenue increased and concentration factor modified.",
        "education finance; increasing English learner revenue; modifying the concentration "
        "factor; appropriating money",
        amend="124D.65:5; 124D.59:2",
        gist=("English learner revenue equals [$1,228|$1,600] times the number of pupils served.",),
        authors="Dahlquist; Moua-Lind",
        path="""
        2025-01-30 H intro EDF
        2026-03-03 H author Moua-Lind
        """,
        stage="in_committee",
        shows="English learners; no companion",
    ),
    Bill(
        "HF 236",
        2025,
        "Fishing license fees modified, and dark house shelter requirements changed.",
        "natural resources; modifying fishing license fees; modifying shelter requirements",
        amend="97A.475:6,7; 97C.355:2",
        gist=("The fee for an angling license for a resident age 16 or over is [$25|$28].",),
        authors="Engebretsen; Grangaard",
        path="""
        2025-01-27 H intro ENR
        2026-03-05 H adopt+> WM
        """,
        stage="in_committee",
        education=False,
        shows="not education: fishing licenses",
    ),
    Bill(
        "HF 409",
        2025,
        "Local optional revenue increased, and money appropriated.",
        "education finance; increasing local optional revenue; increasing the aid amount; "
        "appropriating money",
        amend="126C.10:2e",
        new="126C.105 Local optional aid report",
        repeal="126C.10:2f",
        gist=(
            "A district's first tier local optional revenue equals [$300|$424] times the "
            "adjusted pupil units of the district for that school year.",
            "The commissioner of education must report to the legislative committees with "
            "jurisdiction over kindergarten through grade 12 education finance by February 1.",
        ),
        authors="Fairbanks; Jaspers",
        path="""
        2025-01-27 H intro EDF
        2026-03-12 H adopt> TAX
        """,
        stage="in_committee",
        shows="levies (local optional revenue), title as in the HF 409 text fixture; amended, "
        "new and repealed sections",
    ),
    Bill(
        "HF 611",
        2025,
        "Compensatory revenue uses modified.",
        "education; modifying the uses of compensatory revenue; modifying building allocations",
        amend="126C.15:1,2; 126C.10:3",
        gist=(
            "A district must [allocate|spend] its compensatory revenue at the site that "
            "generated it.",
        ),
        authors="Grangaard; Kvamme",
        path="""
        2025-02-10 H intro EDF
        2026-03-12 H adopt+
        2026-03-12 H second
        """,
        stage="on_floor",
        shows="compensatory revenue; committee report and second reading in the digest week",
    ),
    Bill(
        "HF 774",
        2025,
        "Referendum equalization aid increased.",
        "education finance; increasing referendum equalization aid; modifying the referendum "
        "allowance; appropriating money",
        amend="126C.17:6,9",
        gist=(
            "The referendum equalizing factor is [$567,000|$620,000] for fiscal year 2026 "
            "and later.",
        ),
        authors="Haugland; Lachowitz",
        companion="SF 803",
        path="2025-02-13 H intro TAX",
        stage="in_committee",
        shows="referendum levies; sent to Taxes",
    ),
    Bill(
        "HF 851",
        2025,
        "Veterans Memorial Highway designated on marked Trunk Highway 53.",
        "transportation; designating a memorial highway",
        amend="161.14:+",
        gist=(
            "The segment of marked Trunk Highway 53 in St. Louis County is designated as "
            "Iron Range Veterans Memorial Highway.",
        ),
        authors="Ibsen / Bjornstad",
        path="""
        2025-02-17 H intro TRN
        2025-03-13 H adopt
        2025-03-13 H second
        2025-03-27 H calendar
        2025-03-27 H pass 132-0
        2025-03-31 S received STR
        2025-04-10 S pass
        2025-04-10 S second
        2025-04-24 S special
        2025-04-24 S floor 66-0
        2025-04-28 H present
        2025-04-30 H approve
        2025-04-30 H sos 21
        2025-04-30 H effective 08/01/2025
        """,
        stage="enacted",
        education=False,
        shows="not education: memorial highway; enacted without amendment",
    ),
    Bill(
        "HF 902",
        2025,
        "Long-term facilities maintenance revenue increased.",
        "education finance; increasing long-term facilities maintenance revenue; modifying "
        "allowed uses",
        amend="123B.595:1,7",
        gist=(
            "Long-term facilities maintenance revenue equals [$380|$480] times the adjusted "
            "pupil units.",
        ),
        authors="Jaspers; Nordgaard",
        path="""
        2025-02-17 H intro EDF
        2026-03-09 H recall CAP
        """,
        stage="in_committee",
        shows="school facilities; recalled and re-referred in the digest week",
    ),
    Bill(
        "HF 1020",
        2025,
        "Pupil transportation aid formula modified.",
        "education finance; modifying pupil transportation aid; increasing the transportation "
        "sparsity allowance; appropriating money",
        amend="123B.92:1,5; 126C.10:18",
        gist=("The state must pay [70|85] percent of a district's regular transportation cost.",),
        authors="Kvamme; Oyelaran / Carlsen-Ruiz",
        companion="SF 1139",
        path="""
        2025-02-20 H intro EDF
        2025-03-25 H adopt+> WM
        2026-03-05 H adopt
        2026-03-05 H second
        2026-03-12 H calendar
        2026-03-12 H pass 99-34
        2026-03-16 S received SEF
        """,
        stage="passed_house",
        shows="transportation; passed the House in the digest week",
    ),
    Bill(
        "HF 1137",
        2025,
        "Teachers Retirement Association contribution rates and annuity formula modified.",
        "retirement; Teachers Retirement Association; modifying contribution rates; "
        "modifying the formula annuity",
        amend="354.42:2,3; 354.44:6",
        gist=("The employee contribution rate is [7.75|8.25] percent of salary.",),
        authors="Lachowitz; Pietila / Dvorak",
        companion="SF 1201",
        path="""
        2025-02-24 H intro SGV
        2025-03-19 H adopt> WM
        2025-04-07 H adopt+
        2025-04-07 H second
        2025-04-24 H pass 117-15
        2025-04-28 S received SSG
        2025-05-06 S pass+
        2025-05-06 S second
        2025-05-14 S floor+ 50-17
        2025-05-15 H returned
        2025-05-15 H refuse
        2025-05-15 H conferees Lachowitz, Pietila, Quist
        2025-05-16 S accede
        2025-05-16 S conferees Dvorak; Ellingboe; Fossum
        2026-05-04 S ccr 52-15
        2026-05-05 H ccr 120-12
        2026-05-06 H present
        2026-05-08 H approve
        2026-05-08 H sos 88
        2026-05-08 H effective 07/01/2026
        """,
        stage="enacted",
        shows="teacher pensions (TRA); conference report adopted in both chambers; enacted",
    ),
    Bill(
        "HF 1248",
        2025,
        "Tiered licensure requirements modified.",
        "education; modifying tiered teacher licensure; modifying renewal requirements",
        amend="122A.181:1,3; 122A.182:1",
        gist=("A Tier 1 license is valid for [one year|two years] and may be renewed.",),
        authors="Moua-Lind; Quist / Ellingboe",
        companion="SF 1310",
        path="""
        2025-02-27 H intro EDP
        2025-03-19 H adopt+
        2025-03-19 H second
        2025-03-27 H calendar
        2025-03-27 H pass 110-22
        2025-03-31 S compare SF1310
        2026-05-18 S special
        2026-05-18 S floor 45-21
        """,
        stage="passed_both",
        shows="teacher licensure; passed both chambers on the last day, not yet presented",
    ),
    Bill(
        "HF 1375",
        2025,
        "Teachers of color grant program expanded, and money appropriated.",
        "education; expanding the collaborative urban and greater Minnesota educators of color "
        "grant program; modifying the goal for teachers of color; appropriating money",
        amend="122A.635:2,3",
        new="120B.1175 Teachers of color and American Indian teachers report",
        gist=(
            "The Professional Educator Licensing and Standards Board must award grants to "
            "programs that prepare teachers of color and American Indian teachers.",
        ),
        authors="Nordgaard; Solheim",
        companion="SF 1402",
        path="""
        2025-03-03 H intro EDF
        2025-03-27 H adopt+> WM
        2026-03-11 H author Thorsrud
        """,
        stage="in_committee",
        shows="teachers of color; author added in the digest week",
    ),
    Bill(
        "HF 1412",
        2025,
        "Nurse continuing education requirements modified.",
        "health occupations; modifying continuing education requirements for nurses",
        amend="148.231:1",
        gist=("A registered nurse must complete [24|30] contact hours of continuing education.",),
        authors="Oyelaran; Ulvestad",
        path="""
        2025-03-06 H intro HLT
        2026-03-11 H adopt+
        2026-03-11 H second
        """,
        stage="on_floor",
        education=False,
        shows="not education: professional continuing education (nurses)",
    ),
    Bill(
        "HF 1503",
        2025,
        "Statewide assessments reduced, and student achievement reporting modified.",
        "education; reducing statewide assessments; modifying reporting requirements",
        amend="120B.30:1,1a",
        repeal="120B.35:5",
        gist=(
            "Students must take the Minnesota Comprehensive Assessments [each year|in grades "
            "3, 5, 8, and 10].",
        ),
        authors="Pietila; Vang-Olson / Fossum",
        companion="SF 1588",
        path="""
        2025-03-06 H intro EDP
        2025-03-19 H adopt+> EDF
        2026-02-26 H adopt
        2026-02-26 H second
        2026-03-05 H calendar
        2026-03-05 H pass 68-66
        2026-03-09 S compare SF1588
        2026-04-28 S special
        2026-04-28 S floor 34-33
        2026-04-30 H present
        2026-05-04 H veto
        """,
        stage="vetoed",
        shows="assessments; passed both, vetoed; repeals 120B.35, subdivision 5",
    ),
    Bill(
        "HF 1627",
        2025,
        "Pupil Fair Dismissal Act modified.",
        "education; modifying the Pupil Fair Dismissal Act; modifying suspension procedures",
        amend="121A.41:10; 121A.45:1; 121A.46:4",
        gist=(
            "A school must [consider|provide] alternatives to dismissal before suspending a pupil.",
        ),
        authors="Quist; Wennberg",
        path="""
        2025-03-10 H intro EDP
        2026-03-04 H adopt+
        2026-03-04 H second
        2026-03-12 H calendar
        2026-03-12 H table
        """,
        stage="on_floor",
        shows="discipline and student rights; laid on the table on the floor (tabled)",
    ),
    Bill(
        "HF 1701",
        2025,
        "On-sale liquor license provisions modified.",
        "liquor; modifying on-sale license provisions; authorizing additional licenses",
        amend="340A.404:2; 340A.412:4",
        gist=("A city may issue an on-sale intoxicating liquor license to [a|an arts] venue.",),
        authors="Solheim / Gilbertson",
        path="""
        2025-03-12 H intro COM
        2025-03-26 H adopt+
        2025-03-26 H second
        2025-04-08 H calendar
        2025-04-08 H pass 119-12
        2025-04-10 S received SCM
        2025-04-24 S pass+
        2025-04-24 S second
        2025-05-01 S special
        2025-05-01 S floor+ 55-10
        2025-05-05 H returned
        2025-05-05 H concur 118-14
        2025-05-07 H present
        2025-05-09 H approve
        2025-05-09 H sos 30
        2025-05-09 H effective 08/01/2025
        """,
        stage="enacted",
        education=False,
        shows="not education: liquor licensing; Senate amendments concurred in",
    ),
    Bill(
        "HF 1766",
        2025,
        "Student support personnel aid increased, and safe schools levy modified.",
        "education finance; school safety and student mental health; increasing student "
        "support personnel aid; modifying the safe schools levy; appropriating money",
        amend="124D.901:3; 126C.44",
        gist=(
            "Student support personnel aid may be used for school counselors, psychologists, "
            "social workers, and nurses.",
        ),
        authors="Thorsrud; Aaberg",
        companion="SF 1820",
        path="""
        2025-03-13 H intro EDF
        2026-03-10 H adopt+> WM
        """,
        stage="in_committee",
        shows="school safety and mental health; re-referred in the digest week",
    ),
    Bill(
        "HF 1899",
        2025,
        "Free school meals program funding modified.",
        "education finance; modifying the free school meals program; modifying school "
        "breakfast aid; appropriating money",
        amend="124D.111:5; 124D.1158:4",
        gist=("The commissioner must reimburse each school [breakfast and lunch|meal] served.",),
        authors="Ulvestad; Brekke",
        companion="SF 1955",
        path="""
        2025-03-17 H intro EDF
        2026-03-05 H recall CFF
        """,
        stage="in_committee",
        shows="school meals; recalled the week before",
    ),
    Bill(
        "HF 2015",
        2025,
        "Voluntary prekindergarten seats made permanent.",
        "education; early learning; making voluntary prekindergarten seats permanent; "
        "appropriating money",
        amend="124D.151:3,6",
        gist=("The commissioner must [limit|not limit] participation to a set number of pupils.",),
        authors="Vang-Olson; Castellanos",
        path="""
        2025-03-20 H intro EDF
        2026-03-13 H adopt+> WM
        """,
        stage="in_committee",
        shows="early learning; committee report on Friday of the digest week",
    ),
    Bill(
        "HF 2204",
        2025,
        "Charter school authorizer requirements modified.",
        "education; charter schools; modifying authorizer requirements; modifying contract "
        "contents",
        amend="124E.10:1; 124E.05:4",
        gist=("The charter school contract must include [the|measurable] academic goals.",),
        authors="Wennberg; Dahlquist / Gilbertson",
        companion="SF 2301",
        path="""
        2025-03-24 H intro EDP
        2025-04-01 H adopt+
        2025-04-01 H second
        2026-03-10 H calendar
        2026-03-10 H pass+ 70-63
        2026-03-12 S received SEP
        """,
        stage="passed_house",
        shows="charter schools; amended on the floor and passed in the digest week",
    ),
    Bill(
        "HF 2311",
        2025,
        "Scholarship-granting organization tax credit established.",
        "taxation; individual income; establishing a credit for contributions to "
        "scholarship-granting organizations for nonpublic school tuition",
        amend="290.0674:1,2",
        new="290.0693 Scholarship-granting organization credit",
        gist=(
            "A taxpayer may claim a credit for contributions to a scholarship-granting "
            "organization.",
        ),
        authors="Ystad; Zumbrunnen",
        path="2025-03-26 H intro TAX",
        stage="in_committee",
        shows="private-school tax credits",
    ),
    Bill(
        "HF 2440",
        2025,
        "Omnibus jobs, labor, and economic development bill.",
        "jobs; establishing a biennial budget for workforce, labor, and economic development; "
        "appropriating money",
        amend="116J.431:2; 116L.03:2; 177.27:5",
        gist=("The commissioner may award grants under this section.",),
        authors="Pinto; Zeleznikar",
        companion="SF 1832",
        path="""
        2025-03-27 H intro WLE
        2025-04-08 H adopt+> WM
        2025-04-24 H adopt+
        2025-04-24 H second
        2025-04-30 H compare SF1832
        """,
        stage="on_floor",
        education=False,
        source="composite",
        shows="composite House companion of SF 1832 (its real number; its actions written for "
        "the demo)",
    ),
    Bill(
        "HF 2518",
        2025,
        "Achievement and integration revenue modified.",
        "education finance; modifying achievement and integration revenue; modifying revenue uses",
        amend="124D.862:1,8",
        gist=(
            "Initial achievement and integration revenue equals the lesser of [$350|$480] "
            "times the adjusted pupil units or the district's budget.",
        ),
        authors="Zumbrunnen; Kvamme",
        path="2025-03-31 H intro EDF",
        stage="in_committee",
        shows="integration revenue; no action since introduction",
    ),
    Bill(
        "HF 2667",
        2025,
        "American Indian education aid increased.",
        "education finance; increasing American Indian education aid; modifying the "
        "American Indian Education Act; appropriating money",
        amend="124D.81:1,2a; 124D.73",
        gist=(
            "American Indian education aid equals the greater of [$20,000|$40,000] or the "
            "amount computed under this subdivision.",
        ),
        authors="Aaberg; Jaspers",
        companion="SF 2702",
        path="""
        2025-04-03 H intro EDF
        2026-03-03 H adopt+> WM
        2026-03-12 H adopt+
        2026-03-12 H second
        """,
        stage="on_floor",
        shows="American Indian education; out of Ways and Means in the digest week",
    ),
    Bill(
        "HF 2789",
        2025,
        "Education mandates and reports repealed or modified.",
        "education; reducing mandates; modifying and eliminating reporting requirements",
        amend="120B.11:5; 123B.10:1",
        repeal="120B.113",
        gist=("A district must [publish|post on its website] its annual report.",),
        authors="Brekke; Ystad / Hagebak",
        companion="SF 2850",
        path="""
        2025-04-07 H intro EDP
        2026-03-04 H adopt+
        2026-03-04 H second
        2026-03-09 H calendar
        2026-03-09 H pass 128-0
        2026-03-12 S compare SF2850
        2026-04-20 S special
        2026-04-20 S floor 64-0
        2026-04-22 H present
        2026-04-24 H approve
        2026-04-24 H sos 52
        2026-04-24 H effective 07/01/2026
        """,
        stage="enacted",
        shows="mandates and reporting; passed the House in the digest week; enacted",
    ),
    Bill(
        "HF 2933",
        2025,
        "Unemployment insurance for hourly school workers modified.",
        "unemployment insurance; modifying eligibility of hourly school employees between terms",
        amend="268.085:7",
        gist=("An hourly school employee [is|is not] ineligible for benefits between terms.",),
        authors="Castellanos; Lachowitz",
        companion="SF 2977",
        path="""
        2025-04-10 H intro WLE
        2026-03-11 H recall EDF
        """,
        stage="in_committee",
        shows="unemployment insurance for hourly school workers; recalled in the digest week",
    ),
    Bill(
        "HF 3142",
        2025,
        "Student cell phone use during the school day prohibited.",
        "education; requiring school districts to prohibit student cell phone use during the "
        "instructional day",
        amend="121A.73:1",
        gist=(
            "A district must [adopt a policy on|prohibit] student use of cell phones during "
            "the instructional day.",
        ),
        authors="Dahlquist; Nordgaard / Isaacson",
        path="""
        2025-04-28 H intro EDP
        2026-03-03 H adopt
        2026-03-03 H second
        2026-03-05 H calendar
        2026-03-05 H pass 121-11
        2026-03-09 S received SEP
        2026-03-12 S pass
        2026-03-12 S second
        """,
        stage="passed_house",
        shows="cell phones; Senate committee report in the digest week",
    ),
    Bill(
        "HF 3480",
        2026,
        "Omnibus education policy bill.",
        "education; modifying provisions for prekindergarten through grade 12 education, "
        "including general education, accountability, American Indian education, teachers, "
        "charter schools, and special education",
        amend="120B.021:1; 120B.12:2; 121A.41:10; 122A.181:3; 124E.10:1",
        new="121A.80 Student threat assessment teams",
        repeal="120B.35:5",
        gist=(
            "The commissioner must [review|revise] the academic standards on a periodic cycle.",
            "Each district must report literacy data to the commissioner by June 15.",
        ),
        authors="Engebretsen; Fairbanks; Haugland / Jorgensen-Hill",
        companion="SF 3655",
        source="composite",
        path="""
        2026-02-26 H intro EDP
        2026-03-12 H adopt+> WM
        2026-03-26 H adopt+
        2026-03-26 H second
        2026-04-06 H calendar
        2026-04-06 H pass+ 120-13
        2026-04-08 S compare SF3655
        2026-04-23 S floor+ 36-31
        2026-04-27 H returned
        2026-04-27 H refuse
        2026-04-27 H conferees Engebretsen, Fairbanks, Haugland
        2026-04-28 S accede
        2026-04-28 S conferees Jorgensen-Hill; Kittelson; Lindgren
        2026-05-15 S ccr 35-32
        2026-05-16 H ccr 97-36
        2026-05-18 H present
        """,
        stage="sent_to_governor",
        shows="education policy omnibus (composite of typical 2026 policy provisions); "
        "conference; presented on the last day",
    ),
    Bill(
        "HF 3588",
        2026,
        "School meal debt collection practices prohibited.",
        "education; prohibiting certain practices for collecting school meal debt",
        amend="124D.111:+",
        gist=("A school must not deny a meal to a student who has unpaid meal debt.",),
        authors="Grangaard; Ibsen",
        path="""
        2026-03-05 H intro EDF
        2026-03-10 H author Oyelaran
        """,
        stage="in_committee",
        shows="school meals, introduced 2026 (status under /94/2026/); author added in the week",
    ),
    Bill(
        "HF 3602",
        2026,
        "Sales tax exemption for youth athletic equipment provided.",
        "taxation; sales and use; exempting youth athletic equipment",
        amend="297A.67:+",
        gist=("Youth athletic equipment is exempt from the sales and use tax.",),
        authors="Jaspers",
        path="2026-03-05 H intro TAX",
        stage="in_committee",
        education=False,
        shows="not education: sales tax",
    ),
    Bill(
        "HF 3701",
        2026,
        "Out-of-state teacher licensure reciprocity modified.",
        "education; modifying licensure by portfolio and out-of-state licensure reciprocity",
        amend="122A.183:1",
        gist=(
            "The board must issue a Tier 4 license to an applicant who holds [a|an equivalent] "
            "out-of-state license.",
        ),
        authors="Kvamme; Moua-Lind",
        companion="SF 3799",
        path="2026-03-09 H intro EDP",
        stage="in_committee",
        shows="teacher licensure; introduced in the digest week",
    ),
    Bill(
        "HF 3746",
        2026,
        "Student threat assessment teams required.",
        "education; school safety; requiring threat assessment teams",
        new="121A.80 Student threat assessment teams",
        gist=("Each school district must establish a threat assessment team.",),
        authors="Lachowitz; Quist",
        companion="SF 3820",
        path="""
        2026-03-10 H intro EDP
        2026-03-12 H compare SF3820
        """,
        stage="in_committee",
        shows="school safety; referred for comparison with its companion in the digest week",
    ),
    Bill(
        "HF 3811",
        2026,
        "Hands-free cell phone law penalties modified.",
        "traffic regulations; modifying penalties for use of wireless communications devices",
        amend="169.475:2,3",
        gist=("A person who violates this section is subject to a fine of [$50|$100].",),
        authors="Nordgaard; Pietila",
        path="""
        2026-03-11 H intro TRN
        2026-03-12 H author Pietila
        """,
        stage="in_committee",
        education=False,
        shows="not education: traffic (mentions cell phones, a tagger trap)",
    ),
    Bill(
        "HF 4127",
        2026,
        "Omnibus supplemental E-12 education finance bill.",
        "education finance; providing supplemental funding for prekindergarten through grade "
        "12 education, including general education, special education, school nutrition, and "
        "pupil transportation; appropriating money",
        amend="126C.10:2; 125A.76:2c; 124D.111:5; 123B.92:5",
        gist=(
            "The basic formula allowance is [$7,481|$7,551] for fiscal year 2027.",
            "The state total special education aid is increased for fiscal year 2027.",
        ),
        approp=("APPROPRIATIONS.", SPECIAL_ED_AID.format(fy2027="$2,499,750,000")),
        authors="Oyelaran; Solheim / Mattila",
        companion="SF 4210",
        source="composite",
        # Its engrossments change money, strike a section and renumber what follows.
        drafts=(
            (
                0,
                {
                    "amend": "126C.10:2; 125A.76:2c; 125A.79:1",
                    "gist": (
                        "The basic formula allowance is [$7,481|$7,551] for fiscal year 2027.",
                        "The state total special education aid is increased for fiscal year 2027.",
                        '"Paraprofessional pay" means wages paid to a paraprofessional for time '
                        "spent in training.",
                    ),
                    "approp": (
                        "APPROPRIATIONS.",
                        SPECIAL_ED_AID.format(fy2027="$2,488,011,000")
                        + "\n$4,000,000 in fiscal year 2027 is for grants to school districts "
                        "for paraprofessional training.",
                    ),
                },
            ),
            (
                1,
                {
                    "amend": "124D.111:5; 126C.10:2; 125A.76:2c",
                    "gist": (
                        "Each school must offer a free breakfast and a free lunch to every "
                        "student each school day.",
                        "The basic formula allowance is [$7,481|$7,602] for fiscal year 2027.",
                        "The state total special education aid is increased for fiscal year 2027.",
                    ),
                    "approp": (
                        "APPROPRIATIONS.",
                        SPECIAL_ED_AID.format(fy2027="$2,501,400,000"),
                    ),
                },
            ),
        ),
        path="""
        2026-03-23 H intro EDF
        2026-04-07 H adopt+> WM
        2026-04-13 H adopt+
        2026-04-13 H second
        2026-04-16 H calendar
        2026-04-16 H pass+ 70-64
        2026-04-20 S compare SF4210
        2026-04-30 S floor+ 35-32
        2026-05-04 H returned
        2026-05-04 H refuse
        2026-05-04 H conferees Oyelaran, Solheim, Thorsrud
        2026-05-05 S accede
        2026-05-05 S conferees Mattila; Naslund; Ostrander
        2026-05-11 S ccr 34-33
        2026-05-12 H ccr 68-66
        2026-05-13 H present
        2026-05-15 H approve
        2026-05-15 H sos 105
        2026-05-15 H effective various dates
        """,
        stage="enacted",
        shows="E-12 supplemental finance omnibus (composite); conference; enacted",
    ),
    Bill(
        "HR 7",
        2026,
        "Resolution recognizing March 2026 as School Board Recognition Month.",
        "A House resolution recognizing March 2026 as School Board Recognition Month in Minnesota.",
        resolution_text="Whereas, Minnesota's school board members serve their communities; "
        "now, therefore, be it resolved by the House of Representatives of the State of "
        "Minnesota that it recognizes March 2026 as School Board Recognition Month.",
        authors="Pietila; Aaberg",
        path="""
        2026-03-09 H intro0
        2026-03-12 H adopted
        """,
        stage="passed_house",
        shows="a House resolution (resolution search), adopted in the digest week",
    ),
    # -- Senate files ----------------------------------------------------------------------
    Bill(
        "SF 34",
        2025,
        "Basic formula allowance increased and indexed to inflation, and money appropriated.",
        "education finance; increasing the general education basic formula allowance; "
        "indexing the basic formula allowance to inflation; appropriating money",
        amend="126C.10:2,2a; 126C.13:4",
        gist=("The basic formula allowance is [$7,281|$7,602] for fiscal year 2026.",),
        authors="Amundsen; Bjornstad",
        companion="HF 12",
        path="""
        2025-01-16 S intro SEF
        2025-03-20 S pass+> FIN
        2026-03-12 S author Rud
        """,
        stage="in_committee",
        shows="companion of HF 12; re-referred to Finance",
    ),
    Bill(
        "SF 88",
        2025,
        "Special education cross-subsidy reduction aid increased.",
        "education finance; increasing special education cross subsidy reduction aid; "
        "appropriating money",
        amend="125A.76:2c,2e",
        gist=("Cross subsidy reduction aid equals [6.43|50] percent of the cross subsidy.",),
        authors="Bjornstad; Sandvik",
        companion="HF 45",
        path="""
        2025-01-21 S intro SEF
        2026-03-09 S pass+> FIN
        2026-03-09 S votes
        """,
        stage="in_committee",
        shows="special education; Senate committee report with Rule 12.10 vote report",
    ),
    Bill(
        "SF 130",
        2025,
        "Education; Read Act modified.",
        "education; modifying the Read Act; modifying literacy screening and reporting "
        "requirements; appropriating money",
        amend="120B.12:1,2; 120B.123:1",
        gist=("Each school district must [screen|administer an approved screener to] students.",),
        authors="Amundsen; Carlsen-Ruiz",
        companion="HF 2",
        path="""
        2025-01-23 S intro SEP
        2025-03-13 S pass+
        2025-03-13 S second
        2025-04-03 S subst HF2
        """,
        stage="on_floor",
        shows="companion substituted by HF 2 and indefinitely postponed",
    ),
    Bill(
        "SF 205",
        2025,
        "Deer hunting license provisions modified.",
        "natural resources; modifying deer hunting provisions",
        amend="97B.301:6",
        gist=("A resident may obtain [one|two] additional antlerless deer licenses.",),
        authors="Carlsen-Ruiz",
        path="2025-01-27 S intro SEN",
        stage="in_committee",
        education=False,
        shows="not education: deer hunting",
    ),
    Bill(
        "SF 412",
        2025,
        "School-linked behavioral health grants modified, and money appropriated.",
        "human services; modifying school-linked behavioral health grants; appropriating money",
        amend="245.4901:2,3",
        gist=(
            "The commissioner must award grants to provide school-linked behavioral health "
            "services to students.",
        ),
        authors="Dvorak; Tollefsrud",
        path="""
        2025-01-30 S intro SHH
        2026-03-05 S pass> SEF
        """,
        stage="in_committee",
        shows="student mental health outside the education code (chapter 245)",
    ),
    Bill(
        "SF 690",
        2025,
        "Border-to-border broadband grants modified.",
        "economic development; modifying the border-to-border broadband grant program",
        amend="116J.395:6",
        gist=("A grant may fund up to [50|75] percent of the project cost.",),
        authors="Ellingboe",
        path="""
        2025-02-06 S intro JED
        2025-03-18 S pass> FIN
        """,
        stage="in_committee",
        education=False,
        shows="not education: broadband",
    ),
    Bill(
        "SF 803",
        2025,
        "Referendum equalization aid increased.",
        "education finance; increasing referendum equalization aid; appropriating money",
        amend="126C.17:6,9",
        gist=("The referendum equalizing factor is [$567,000|$620,000].",),
        authors="Fossum; Uhrich",
        companion="HF 774",
        path="2025-02-13 S intro STX",
        stage="in_committee",
        shows="companion of HF 774",
    ),
    Bill(
        "SF 1139",
        2025,
        "Pupil transportation aid formula modified.",
        "education finance; modifying pupil transportation aid; appropriating money",
        amend="123B.92:1,5",
        gist=("The state must pay [70|85] percent of a district's regular transportation cost.",),
        authors="Carlsen-Ruiz; Gilbertson",
        companion="HF 1020",
        path="""
        2025-02-24 S intro SEF
        2026-03-12 S pass
        """,
        stage="passed_committee",
        shows="committee report to pass, no second reading yet (passed committee)",
    ),
    Bill(
        "SF 1201",
        2025,
        "Teachers Retirement Association contribution rates modified.",
        "retirement; Teachers Retirement Association; modifying contribution rates",
        amend="354.42:2,3",
        gist=("The employee contribution rate is [7.75|8.25] percent of salary.",),
        authors="Dvorak; Hagebak",
        companion="HF 1137",
        path="""
        2025-02-26 S intro SSG
        2025-03-27 S pass+> FIN
        2025-05-05 S pass
        2025-05-05 S second
        2025-05-14 S subst HF1137
        """,
        stage="on_floor",
        shows="companion of HF 1137, substituted",
    ),
    Bill(
        "SF 1310",
        2025,
        "Tiered licensure requirements modified.",
        "education; modifying tiered teacher licensure",
        amend="122A.181:1,3",
        gist=("A Tier 1 license is valid for [one year|two years].",),
        authors="Ellingboe; Isaacson",
        companion="HF 1248",
        path="""
        2025-02-27 S intro SEP
        2025-03-26 S pass+
        2025-03-26 S second
        2026-05-18 S subst HF1248
        """,
        stage="on_floor",
        shows="companion of HF 1248, substituted on the last day",
    ),
    Bill(
        "SF 1402",
        2025,
        "Teachers of color grant program expanded.",
        "education; expanding the collaborative urban and greater Minnesota educators of color "
        "grant program; appropriating money",
        amend="122A.635:2,3",
        gist=("The board must award grants to programs that prepare teachers of color.",),
        authors="Hagebak; Jorgensen-Hill",
        companion="HF 1375",
        path="""
        2025-03-03 S intro SEF
        2025-03-25 S pass+> FIN
        """,
        stage="in_committee",
        shows="companion of HF 1375",
    ),
    Bill(
        "SF 1477",
        2025,
        "Medical assistance dental reimbursement rates increased.",
        "human services; increasing medical assistance dental reimbursement rates",
        amend="256B.76:2",
        gist=("Payment rates for dental services are increased by [5|10] percent.",),
        authors="Isaacson",
        path="""
        2025-03-05 S intro SHH
        2026-03-13 S pass+
        """,
        stage="passed_committee",
        education=False,
        shows="not education: medical assistance; committee report on Friday of the week",
    ),
    Bill(
        "SF 1588",
        2025,
        "Statewide assessments reduced.",
        "education; reducing statewide assessments",
        amend="120B.30:1,1a",
        repeal="120B.35:5",
        gist=("Students must take the assessments [each year|in grades 3, 5, 8, and 10].",),
        authors="Fossum",
        companion="HF 1503",
        path="2025-03-06 S intro SEP",
        stage="in_committee",
        shows="companion of HF 1503 (the vehicle that was vetoed)",
    ),
    Bill(
        "SF 1820",
        2025,
        "Student support personnel aid increased.",
        "education finance; school safety and student mental health; increasing student "
        "support personnel aid; appropriating money",
        amend="124D.901:3",
        gist=("Student support personnel aid may be used for school counselors and nurses.",),
        authors="Jorgensen-Hill; Kittelson",
        companion="HF 1766",
        path="""
        2025-03-13 S intro SEF
        2026-03-11 S pass+
        2026-03-11 S second
        """,
        stage="on_floor",
        shows="school safety; second reading in the digest week",
    ),
    SF1832,
    Bill(
        "SF 1955",
        2025,
        "Free school meals program funding modified.",
        "education finance; modifying the free school meals program; appropriating money",
        amend="124D.111:5",
        gist=("The commissioner must reimburse each school [breakfast and lunch|meal] served.",),
        authors="Kittelson; Lindgren",
        companion="HF 1899",
        path="""
        2025-03-17 S intro SEF
        2025-04-14 S jr203
        """,
        stage="in_committee",
        shows="school meals; returned under the Joint rule 2.03 deadline",
    ),
    Bill(
        "SF 2088",
        2025,
        "Residential tenant security deposit return requirements modified.",
        "housing; landlord and tenant; modifying security deposit requirements",
        amend="504B.178:3",
        gist=("A landlord must return the deposit within [21|14] days after the tenancy ends.",),
        authors="Lindgren / Wennberg",
        path="""
        2025-03-20 S intro SJU
        2025-04-08 S pass
        2025-04-08 S second
        2025-04-30 S special
        2025-04-30 S floor 41-26
        2025-05-05 H first COM
        """,
        stage="passed_senate",
        education=False,
        shows="not education: landlord and tenant",
    ),
    Bill(
        "SF 2301",
        2025,
        "Charter school authorizer requirements modified.",
        "education; charter schools; modifying authorizer requirements",
        amend="124E.10:1",
        gist=("The contract must include [the|measurable] academic goals.",),
        authors="Gilbertson",
        companion="HF 2204",
        path="""
        2025-03-24 S intro SEP
        2026-03-10 S author Pederstuen
        """,
        stage="in_committee",
        shows="companion of HF 2204",
    ),
    Bill(
        "SF 2416",
        2025,
        "Tribal contract school aid increased.",
        "education finance; American Indian education; increasing tribal contract school aid; "
        "appropriating money",
        amend="124D.83:4",
        gist=("Tribal contract school aid equals [$5,000|$6,500] times the number of pupils.",),
        authors="Mattila; Naslund / Zumbrunnen",
        path="""
        2025-03-27 S intro SEF
        2025-04-02 S pass+> FIN
        2025-04-22 S pass
        2025-04-22 S second
        2025-05-01 S special
        2025-05-01 S floor 67-0
        2025-05-05 H first EDF
        2026-03-09 H author Zumbrunnen
        """,
        stage="passed_senate",
        shows="American Indian education; passed the Senate, waiting in the House",
    ),
    Bill(
        "SF 2690",
        2025,
        "Cosmetology salon license requirements modified.",
        "occupational licensing; modifying cosmetology salon license requirements",
        amend="155A.27:5",
        gist=("A salon license is valid for [one year|three years].",),
        authors="Naslund",
        path="2025-04-03 S intro SCM",
        stage="in_committee",
        education=False,
        shows="not education: cosmetology licensing",
    ),
    Bill(
        "SF 2702",
        2025,
        "American Indian education aid increased.",
        "education finance; increasing American Indian education aid; appropriating money",
        amend="124D.81:1,2a",
        gist=(
            "American Indian education aid equals the greater of [$20,000|$40,000] or the "
            "computed amount.",
        ),
        authors="Ostrander; Mattila",
        companion="HF 2667",
        path="2025-04-03 S intro SEF",
        stage="in_committee",
        shows="companion of HF 2667",
    ),
    Bill(
        "SF 2850",
        2025,
        "Education mandates and reports repealed or modified.",
        "education; reducing mandates; modifying and eliminating reporting requirements",
        amend="120B.11:5; 123B.10:1",
        repeal="120B.113",
        gist=("A district must [publish|post on its website] its annual report.",),
        authors="Hagebak",
        companion="HF 2789",
        path="""
        2025-04-07 S intro SEP
        2026-03-10 S pass+
        2026-03-10 S second
        2026-04-20 S subst HF2789
        """,
        stage="on_floor",
        shows="companion of HF 2789, substituted after its second reading in the week",
    ),
    Bill(
        "SF 2977",
        2025,
        "Unemployment insurance for hourly school workers modified.",
        "unemployment insurance; modifying eligibility of hourly school employees between terms",
        amend="268.085:7",
        gist=("An hourly school employee [is|is not] ineligible for benefits between terms.",),
        authors="Pederstuen; Rud",
        companion="HF 2933",
        path="""
        2025-04-10 S intro SLR
        2026-03-04 S pass+> FIN
        """,
        stage="in_committee",
        shows="unemployment insurance for hourly school workers",
    ),
    Bill(
        "SF 3010",
        2025,
        "Paid leave program application to school district employees clarified.",
        "employment; paid leave; clarifying the application of paid leave to school district "
        "employees",
        amend="268B.01:+; 268B.085:2",
        gist=("A school district employee may use paid leave [during|outside] the school year.",),
        authors="Rud; Sandvik / Ulvestad",
        path="""
        2025-04-14 S intro SLR
        2026-03-02 S pass+
        2026-03-02 S second
        2026-03-09 S floor+ 34-33
        2026-03-12 H first WLE
        """,
        stage="passed_senate",
        shows="paid leave; passed the Senate in the digest week",
    ),
    Bill(
        "SF 3590",
        2026,
        "Town audit threshold modified.",
        "local government; modifying the town audit threshold",
        amend="367.36:1",
        gist=("A town with annual revenue over [$1,000,000|$1,500,000] must have an audit.",),
        authors="Sandvik / Vang-Olson",
        path="""
        2026-02-19 S intro SSG
        2026-02-26 S pass
        2026-02-26 S second
        2026-03-12 S special
        2026-03-12 S floor 64-0
        2026-03-16 H first SGV
        """,
        stage="passed_senate",
        education=False,
        shows="not education: town audits; passed the Senate in the digest week",
    ),
    Bill(
        "SF 3655",
        2026,
        "Omnibus education policy bill.",
        "education; modifying provisions for prekindergarten through grade 12 education",
        amend="120B.021:1; 120B.12:2; 122A.181:3",
        gist=("The commissioner must [review|revise] the academic standards.",),
        authors="Jorgensen-Hill; Kittelson",
        companion="HF 3480",
        path="""
        2026-02-26 S intro SEP
        2026-03-12 S pass+> FIN
        2026-03-26 S pass
        2026-03-26 S second
        2026-04-23 S subst HF3480
        """,
        stage="on_floor",
        shows="Senate companion of the policy omnibus, substituted",
    ),
    Bill(
        "SF 3712",
        2026,
        "Education savings accounts for nonpublic school students established.",
        "education; establishing education savings accounts for nonpublic school students; "
        "appropriating money",
        new="124D.1201 Education savings accounts",
        gist=("The commissioner must establish education savings accounts for eligible students.",),
        authors="Tollefsrud",
        path="""
        2026-03-02 S intro STX
        2026-03-09 S withdrawn
        """,
        stage="in_committee",
        shows="private-school choice; withdrawn and returned to author in the week",
    ),
    Bill(
        "SF 3799",
        2026,
        "Out-of-state teacher licensure reciprocity modified.",
        "education; modifying out-of-state licensure reciprocity",
        amend="122A.183:1",
        gist=(
            "The board must issue a Tier 4 license to an applicant who holds [a|an "
            "equivalent] out-of-state license.",
        ),
        authors="Uhrich",
        companion="HF 3701",
        path="""
        2026-03-09 S intro SEP
        2026-03-19 S pass+
        2026-03-19 S second
        """,
        stage="on_floor",
        shows="teacher licensure; introduced in the digest week",
    ),
    Bill(
        "SF 3820",
        2026,
        "Student threat assessment teams required.",
        "education; school safety; requiring threat assessment teams",
        new="121A.80 Student threat assessment teams",
        gist=("Each school district must establish a threat assessment team.",),
        authors="Vikander",
        companion="HF 3746",
        path="2026-03-10 S intro SEP",
        stage="in_committee",
        shows="companion of HF 3746",
    ),
    Bill(
        "SF 3901",
        2026,
        "Literacy coaching grants established.",
        "education; establishing literacy coaching grants; appropriating money",
        authors="Wahlstrom",
        no_text=True,
        path="2026-03-12 S intro0",
        stage="introduced",
        shows="introduced, not yet referred; no text posted yet (no versions)",
    ),
    Bill(
        "SF 4015",
        2026,
        "Special education due process hearing procedures modified.",
        "education; special education; modifying due process hearing procedures",
        amend="125A.091:12,13",
        gist=("A hearing officer must issue a decision within [45|60] days.",),
        authors="Amundsen; Vikander / Haugland",
        path="""
        2026-03-16 S intro SEF
        2026-03-25 S pass+> FIN
        2026-04-09 S pass
        2026-04-09 S second
        2026-04-14 S special
        2026-04-14 S floor 66-0
        2026-04-16 H first EDP
        2026-04-21 H adopt
        2026-04-21 H second
        2026-04-27 H calendar
        2026-04-27 H pass 131-2
        2026-04-29 S present
        2026-05-01 S approve
        2026-05-01 S filed 61
        2026-05-01 S effective 08/01/2026
        """,
        stage="enacted",
        shows="special education; enacted (Senate form: Governor approval, Filed, Chapter number)",
    ),
    Bill(
        "SF 4210",
        2026,
        "Omnibus supplemental E-12 education finance bill.",
        "education finance; providing supplemental funding for prekindergarten through grade "
        "12 education; appropriating money",
        amend="126C.10:2; 125A.76:2c",
        gist=("The basic formula allowance is [$7,481|$7,551] for fiscal year 2027.",),
        authors="Mattila; Naslund",
        companion="HF 4127",
        path="""
        2026-03-23 S intro SEF
        2026-04-09 S pass+> FIN
        2026-04-23 S pass+
        2026-04-23 S second
        2026-04-30 S subst HF4127
        """,
        stage="on_floor",
        shows="Senate companion of the finance omnibus, substituted",
    ),
    Bill(
        "SF 4388",
        2026,
        "Universal school meals reimbursement rate increased.",
        "education finance; increasing the free school meals reimbursement rate; "
        "appropriating money",
        amend="124D.111:5",
        gist=("The reimbursement rate for each free meal is increased by [$0.10|$0.25].",),
        authors="Ostrander / Brekke",
        path="""
        2026-04-06 S intro SEF
        2026-04-16 S pass+
        2026-04-16 S second
        2026-04-29 S special
        2026-04-29 S floor 40-27
        2026-05-04 H first EDF
        2026-05-07 H adopt+
        2026-05-07 H second
        2026-05-11 H calendar
        2026-05-11 H pass+ 91-42
        2026-05-13 S returned
        2026-05-13 S refuse
        2026-05-14 S conferees Ostrander; Pederstuen; Rud
        2026-05-14 H accede
        2026-05-14 H conferees Brekke, Castellanos, Ystad
        """,
        stage="in_conference",
        shows="school meals; in conference when the session ended",
    ),
    Bill(
        "SR 12",
        2026,
        "Resolution honoring Minnesota's teachers of the year.",
        "A Senate resolution honoring Minnesota's teachers of the year.",
        resolution_text="Whereas, Minnesota's teachers of the year exemplify the profession; "
        "now, therefore, be it resolved by the Senate of the State of Minnesota that it honors "
        "them.",
        authors="Uhrich",
        path="""
        2026-03-10 S intro RUL
        """,
        stage="in_committee",
        shows="a Senate resolution, referred to Rules and Administration",
    ),
    HF2136,
)


# -- 2025 First Special Session (June 9-10, 2025): numbering starts again at 1 -------------

SPECIAL: tuple[Bill, ...] = (
    Bill(
        "HF 1",
        2025,
        "Omnibus E-12 education finance and policy bill.",
        "education; providing funding and policy changes for prekindergarten through grade 12 "
        "education, including general education, education excellence, teachers, special "
        "education, facilities, nutrition, libraries, early learning, and state agencies; "
        "appropriating money",
        amend="126C.10:2; 120B.12:2; 122A.635:2; 125A.76:2c; 123B.595:1",
        gist=(
            "The basic formula allowance is [$7,281|$7,481] for fiscal year 2026.",
            "Each school district must report literacy data to the commissioner.",
        ),
        authors="Aaberg; Castellanos / Amundsen",
        companion="SF 4",
        special=1,
        path="""
        2025-06-09 H intro WM
        2025-06-09 H adopt
        2025-06-09 H second
        2025-06-09 H urgency
        2025-06-09 H pass 102-32
        2025-06-09 S received FIN
        2025-06-10 S floor 38-29
        2025-06-11 H present
        2025-06-14 H approve
        2025-06-14 H sos 10
        2025-06-14 H effective various dates
        """,
        stage="enacted",
        shows="special session E-12 omnibus (invented), enacted with chapter 10; numbering "
        "restarts (HF 1 of the regular session is another bill)",
    ),
    Bill(
        "SF 4",
        2025,
        "Omnibus E-12 education finance and policy bill.",
        "education; providing funding and policy changes for prekindergarten through grade 12 "
        "education; appropriating money",
        amend="126C.10:2; 120B.12:2",
        gist=("The basic formula allowance is [$7,281|$7,481] for fiscal year 2026.",),
        authors="Amundsen",
        companion="HF 1",
        special=1,
        path="""
        2025-06-09 S intro FIN
        2025-06-09 S pass
        2025-06-09 S second
        2025-06-10 S subst HF1
        """,
        stage="dead",
        shows="special session companion substituted by HF 1; dead when the session ended",
    ),
    Bill(
        "SF 1",
        2025,
        "Omnibus higher education policy and appropriations.",
        "higher education; providing funding and policy changes for the Office of Higher "
        "Education, Minnesota State Colleges and Universities, and the University of "
        "Minnesota; appropriating money",
        amend="136A.121:6,7; 136A.1465:1",
        gist=("The maximum state grant is [$13,000|$13,500] for each academic year.",),
        authors="Bjornstad / Dahlquist",
        special=1,
        path="""
        2025-06-09 S intro0
        2025-06-09 S second
        2025-06-09 S urgency
        2025-06-09 S floor 34-33
        2025-06-10 H first WM
        2025-06-10 H urgency
        2025-06-10 H pass 93-41
        2025-06-11 S present
        2025-06-14 S approve
        2025-06-14 S filed 4
        2025-06-14 S effective 07/01/2025
        """,
        stage="enacted",
        shows="special session higher education omnibus (invented), enacted (chapter 4)",
    ),
    Bill(
        "HF 2",
        2025,
        "Omnibus tax bill.",
        "taxation; modifying individual income, property, and local government aid "
        "provisions; modifying school levies and the agricultural land credit for school "
        "building bonds",
        amend="126C.40:6; 273.1387:2; 275.065:3",
        gist=("The school building bond agricultural credit is [70|75] percent of the levy.",),
        authors="Ibsen / Fossum",
        special=1,
        path="""
        2025-06-09 H intro WM
        2025-06-09 H adopt
        2025-06-09 H second
        2025-06-10 H pass 110-24
        2025-06-10 S received FIN
        2025-06-10 S floor 47-20
        2025-06-11 H present
        2025-06-14 H approve
        2025-06-14 H sos 13
        2025-06-14 H effective various dates
        """,
        stage="enacted",
        shows="special session taxes (school levies inside a tax bill); numbering restarts: "
        "regular-session HF 2 is the Read Act bill",
    ),
    Bill(
        "HF 3",
        2025,
        "Environment and natural resources policy and appropriations.",
        "environment and natural resources; appropriating money",
        amend="84.83:3",
        gist=("The commissioner may spend money from the snowmobile trails account.",),
        authors="Engebretsen",
        education=False,
        special=1,
        path="2025-06-09 H intro WM",
        stage="dead",
        shows="not education; special session bill that died in committee",
    ),
    Bill(
        "SF 2",
        2025,
        "Unemployment insurance for hourly school workers repealed.",
        "unemployment insurance; repealing benefits for hourly school employees between terms",
        amend="268.085:7",
        gist=("An hourly school employee [is not|is] ineligible for benefits between terms.",),
        authors="Rud",
        special=1,
        path="2025-06-09 S intro FIN",
        stage="dead",
        shows="unemployment insurance for hourly school workers; died with the special session",
    ),
)

BILLS: tuple[Bill, ...] = (*REGULAR, *SPECIAL)
