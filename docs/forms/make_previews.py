"""Render page 1 of every printed form, filled and blank, in Kazakh and Russian, to PNG here.

    python docs/forms/make_previews.py [--all-pages DIR]

Needs poppler's ``pdftoppm``. Look at every PNG after a change to a form: a form that
extracts right but looks wrong is wrong. ``--all-pages DIR`` also writes every page of
every form (and a long multi-page plan) to DIR for a closer look.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))

from reports import casefile, checklist, folder, journal, monitoring, plan, queue, samples, staffing  # noqa: E402
from reports.model import Roster  # noqa: E402


def staffing_sample() -> staffing.StaffingComparison:
    """R-29: an organisation for the elderly of 80 recipients, two nurse posts, a short staff list."""
    from decimal import Decimal

    from app.domain.staffing import StaffingProfile, compute

    result = compute(StaffingProfile(frozenset({5}), 80, nurse_posts=2, orderly_posts=2, vehicles=1),
                     {1: Decimal(1), 33: Decimal(2), 63: Decimal("5.25"), 66: Decimal("1.5")})
    lines = tuple(staffing.StaffingLine(p.no, p.position.render("kk"), p.position.render("ru"), p.required, p.actual,
                                        p.rule.render("kk") if p.rule else None, p.rule.render("ru") if p.rule else None)
                  for p in result.positions)
    return staffing.StaffingComparison(samples.ORGANISATION, None, result.recipients, result.band,
                                       result.units, (5,), lines)

FORMS = {
    "journal": (journal.render, lambda: samples.journal(30), None),
    "casefile": (casefile.render, samples.case_file, None),
    "plan": (plan.render, samples.plan, None),
    "monitoring": (monitoring.render, samples.monitoring, None),
    "queue": (queue.render, samples.queue, None),
    "roster": (queue.render, samples.roster, Roster()),
    "folder": (folder.render, samples.folder, None),
    "staffing": (staffing.render, staffing_sample, None),
}
#: forms whose sample is in the print language (its findings are text written in that language)
BY_LANGUAGE = {"checklist": (checklist.render, samples.checklist, None)}


def to_png(pdf: bytes, stem: Path, *, first_only: bool = True, dpi: int = 70) -> None:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as fh:
        fh.write(pdf)
        fh.flush()
        pages = ["-f", "1", "-l", "1", "-singlefile"] if first_only else []
        subprocess.run(["pdftoppm", "-png", "-r", str(dpi), *pages, fh.name, str(stem)], check=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--all-pages", type=Path, help="also write every page of every form to this folder")
    args = parser.parse_args()
    for name, (render, sample, blank) in FORMS.items():
        for lang in ("kk", "ru"):
            for suffix, data in (("", sample()), ("_blank", blank)):
                pdf = render(data, lang)
                to_png(pdf, HERE / f"{name}_{lang}{suffix}")
                if args.all_pages:
                    args.all_pages.mkdir(parents=True, exist_ok=True)
                    to_png(pdf, args.all_pages / f"{name}_{lang}{suffix}", first_only=False, dpi=100)
    for name, (render, sample, blank) in BY_LANGUAGE.items():
        for lang in ("kk", "ru"):
            pdf = render(sample(lang), lang)
            (HERE / f"{name}_{lang}.pdf").write_bytes(pdf)  # the whole printed form, every page
            to_png(pdf, HERE / f"{name}_{lang}")
            to_png(render(blank, lang), HERE / f"{name}_{lang}_blank")
            if args.all_pages:
                to_png(pdf, args.all_pages / f"{name}_{lang}", first_only=False, dpi=100)
    if args.all_pages:
        for lang in ("kk", "ru"):
            long_plan = samples.plan(per_kind=5, long_texts=True)
            to_png(plan.render(long_plan, lang), args.all_pages / f"plan_long_{lang}", first_only=False, dpi=100)
    print(f"previews written to {HERE}")


if __name__ == "__main__":
    main()
