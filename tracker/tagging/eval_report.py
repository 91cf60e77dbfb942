"""The evaluation as the text `tracker tagger eval` prints: relevance beside the keyword
baseline, then issue areas (the issue's table, per-area figures, a reliability table and
the bills filed wrongly)."""

from __future__ import annotations

from tracker.tagging.area_eval import AreaReport
from tracker.tagging.evaluation import EvalResult
from tracker.tagging.scores import Scores

_HEADER = f"{'precision':>9} {'recall':>7} {'F1':>6} {'TP':>4} {'FP':>4} {'FN':>4}"


def _row(name: str, s: Scores, width: int, *, tn: bool = True) -> str:
    line = (
        f"{name:<{width}} {s.precision:>9.3f} {s.recall:>7.3f} {s.f1:>6.3f} "
        f"{s.tp:>4} {s.fp:>4} {s.fn:>4}"
    )
    return line + (f" {s.tn:>4}" if tn else "")


def format_report(result: EvalResult, *, errors: bool = True) -> str:
    split = "" if result.split == "all" else f", {result.split} part"
    lines = [f"Tagger evaluation on {result.n} labeled bills{split} ({result.version})", ""]
    lines.append(f"{'relevance':<10} {_HEADER} {'TN':>4}")
    lines.append(_row("tagger", result.tagger, 10))
    lines.append(_row("baseline", result.baseline, 10))
    lines.append(f"F1 ratio (tagger / baseline): {result.f1_ratio:.2f}")
    lines += ["", f"{'domain':<34} {'bills':>5} {'tagger ok':>9} {'baseline ok':>11}"]
    lines += [f"{d:<34} {n:>5} {t:>9} {b:>11}" for d, n, t, b in result.domains]
    lines += ["", f"Misclassified by the tagger ({len(result.misclassified)}):"]
    for miss in result.misclassified if errors else ():
        kind = "missed (false negative)" if miss.expected else "false positive"
        base = "baseline right" if miss.baseline_right else "baseline wrong too"
        lines.append(f"- {miss.id}: {kind}, score {miss.score:.2f}, {base}")
        lines.append(f"    {_short(miss.title, 110)}")
        lines.append(f"    why: {_short(miss.why, 110)}")
    lines.append("")
    if result.area is None:
        lines.append(
            "Issue areas: No per-area labels ('issue_areas') in this file: per-area precision "
            "and recall are not computed. Organization priority notes are listed beside the "
            "tagged areas for a human to compare."
        )
        for bill_id, priority, areas in result.priority_hints:
            lines.append(f"- {bill_id}: {_short(priority, 70)} -> {', '.join(areas) or '(none)'}")
        return "\n".join(lines)
    return "\n".join(lines + area_lines(result.area, errors=errors))


def area_lines(area: AreaReport, *, errors: bool = True) -> list[str]:
    lines = [
        f"Issue areas, on the {area.bills} bills with area labels ({area.relevant} relevant):",
        f"{'':<30} {_HEADER}",
        _row("tagger, micro-average", area.micro, 30, tn=False),
        _row("  title-only bills", area.title_only, 30, tn=False),
        _row("keyword baseline", area.baseline, 30, tn=False),
        f"relevant bills with no area: {area.without_area} of {area.relevant}",
        f"top-confidence area is the one filed first: {area.top_hits} of {area.relevant}"
        f" ({area.top_hit_rate:.0%}); is one of its areas: {area.top_in_labels}",
        f"confidence ranks right tags above wrong ones: {area.ranking:.3f}"
        " (chance a right tag outranks a wrong one)",
        f"tags at the commonest confidence ({area.modal_confidence:.2f}):"
        f" {area.at_modal_confidence} of {area.tags}",
        "",
        "Reliability: of the tags at confidence c, the share that were right",
        f"{'confidence':<12} {'tags':>5} {'right':>6} {'share':>6}",
    ]
    lines += [
        f"{b.low:.1f}-{b.high:.1f}{'':<5} {b.tags:>5} {b.right:>6} {b.share:>6.2f}"
        for b in area.reliability
        if b.tags
    ]
    lines += ["", f"{'area':<30} {_HEADER}"]
    lines += [_row(a.code, a.scores, 30, tn=False) for a in area.per_area]
    if errors:
        lines += ["", f"Bills filed differently from their labels ({len(area.errors)}):"]
        for error in area.errors:
            parts = [f"top {error.top or '(none)'}"]
            if error.missed:
                parts.append(f"missed {', '.join(error.missed)}")
            if error.extra:
                parts.append(f"extra {', '.join(error.extra)}")
            lines.append(f"- {error.id}: {'; '.join(parts)}")
    return lines


def _short(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
