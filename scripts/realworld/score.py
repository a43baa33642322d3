#!/usr/bin/env python3
"""Score sendonce against the labelled real-world corpus.

Usage: scripts/realworld/score.py [--binary PATH] [--corpus DIR] [--unlabelled]

Runs `BINARY --check --format json APP_DIR` on every app of apps.tsv (extracted
by extract.sh into DIR/owner+name/), matches each finding to labels.tsv and
prints, per rule and split (tune / heldout / fresh / fresh2 / ... / fresh7 / all): findings, true, false,
debatable, unlabelled, precision and recall, then the labelled-true bugs now
reported by another rule (one finding for the bug: a true finding of that rule
covers the label's lines; counted as found), then those not reported ("lost").

A finding matches a label when app, path and rule are equal and the finding's
primary line or one of its related lines equals the label's line or one of the
label's related lines (so a change of which send is primary still matches).

precision = true / (findings - debatable), unlabelled findings counted false.
recall    = labelled-true found / all labelled-true (including the `missed:`
            labels, bugs found by hand that the tool may not report).

Standard library only. Exit 0 unless the arguments or the corpus files are
wrong (an app that fails to analyse is reported, not fatal).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from collections import defaultdict
from dataclasses import dataclass, field

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_BINARY = os.path.join(HERE, "..", "..", "target", "release", "sendonce")
DEFAULT_CORPUS = "/tmp/sendonce-realworld"
RULES = [
    "multiple-sends",
    "missing-return",
    "no-response",
    "send-in-loop",
    "send-in-callback",
    "send-then-throw",
]
VERDICTS = ("true", "false", "debatable")
SPLITS = ("tune", "heldout", "fresh", "fresh2", "fresh3", "fresh4", "fresh5", "fresh6", "fresh7")


@dataclass
class Label:
    app: str
    path: str
    line: int
    rule: str
    verdict: str
    related: list[int]
    reason: str
    lineno: int  # line in labels.tsv, for messages
    matched: bool = False

    def lines(self) -> set[int]:
        return {self.line, *self.related}


@dataclass
class Finding:
    app: str
    path: str
    line: int
    rule: str
    related: list[int]
    message: str
    label: Label | None = None

    def lines(self) -> set[int]:
        return {self.line, *self.related}


@dataclass
class Counts:
    findings: int = 0
    true: int = 0
    false: int = 0
    debatable: int = 0
    unlabelled: int = 0
    labelled_true: int = 0  # all labels with verdict true (recall's denominator)
    true_found: int = 0
    lost: list = field(default_factory=list)

    def add(self, other: "Counts") -> None:
        self.findings += other.findings
        self.true += other.true
        self.false += other.false
        self.debatable += other.debatable
        self.unlabelled += other.unlabelled
        self.labelled_true += other.labelled_true
        self.true_found += other.true_found
        self.lost.extend(other.lost)


def read_apps(path: str) -> list[tuple[str, str, str]]:
    apps = []
    with open(path, encoding="utf-8") as f:
        for n, raw in enumerate(f, 1):
            line = raw.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.split("\t")
            if len(cols) < 3 or cols[2] not in SPLITS:
                sys.exit(f"score.py: {path}:{n}: want owner/name<TAB>commit<TAB>tune|heldout|fresh|fresh2|fresh3|fresh4|fresh5|fresh6|fresh7")
            apps.append((cols[0], cols[1], cols[2]))
    return apps


def read_labels(path: str) -> list[Label]:
    labels = []
    with open(path, encoding="utf-8") as f:
        for n, raw in enumerate(f, 1):
            line = raw.rstrip("\n")
            if n == 1 or not line.strip() or line.startswith("#"):
                continue  # header
            cols = line.split("\t")
            if len(cols) != 7:
                sys.exit(f"score.py: {path}:{n}: want 7 tab-separated columns, got {len(cols)}")
            app, fpath, lno, rule, verdict, related, reason = cols
            if verdict not in VERDICTS:
                sys.exit(f"score.py: {path}:{n}: verdict {verdict!r} is not one of {VERDICTS}")
            try:
                rel = [int(x) for x in related.split(",") if x.strip()]
                labels.append(Label(app, fpath, int(lno), rule, verdict, rel, reason, n))
            except ValueError:
                sys.exit(f"score.py: {path}:{n}: line and related lines must be numbers")
    return labels


def analyse(binary: str, app_dir: str) -> tuple[list[dict], str | None]:
    """Return (files, error): the JSON report's files, or why there are none."""
    try:
        proc = subprocess.run(
            [binary, "--check", "--format", "json", app_dir],
            capture_output=True,
            text=True,
            timeout=600,
        )
    except FileNotFoundError:
        return [], f"binary {binary} not found"
    except subprocess.TimeoutExpired:
        return [], "timed out after 600 s"
    except OSError as e:
        return [], f"could not run {binary}: {e}"
    # --check exits 1 when there are findings and 2 when some file could not
    # be analysed (a syntax error); the JSON report is still complete then,
    # and those files are listed apart. No JSON at all is a failure.
    try:
        doc = json.loads(proc.stdout)
        files = doc["files"]
        if not isinstance(files, list):
            raise TypeError("files is not a list")
    except (json.JSONDecodeError, KeyError, TypeError) as e:
        tail = (proc.stderr.strip().splitlines() or ["(no stderr)"])[-1]
        return [], f"exit {proc.returncode}, no JSON report ({e}): {tail}"
    return files, None


def findings_of(app: str, app_dir: str, files: list[dict]) -> tuple[list[Finding], list[str]]:
    out, errors = [], []
    for f in files:
        path = norm_path(app_dir, f.get("path", ""))
        if f.get("error"):
            errors.append(f"{path}: {f['error']}")
        for x in f.get("findings") or []:
            try:
                line = int(x["primary"]["start"]["line"])
            except (KeyError, TypeError, ValueError):
                continue
            related = []
            for lab in x.get("labels") or []:
                try:
                    related.append(int(lab["start"]["line"]))
                except (KeyError, TypeError, ValueError):
                    pass
            out.append(Finding(app, path, line, x.get("rule", "?"), related, x.get("message", "")))
    return out, errors


def norm_path(app_dir: str, path: str) -> str:
    """The report's path relative to the app root (sendonce reports paths
    relative to the folder it was given)."""
    if os.path.isabs(path):
        path = os.path.relpath(path, app_dir)
    path = path.replace(os.sep, "/")
    while path.startswith("./"):
        path = path[2:]
    return path


def pct(num: int, den: int) -> str:
    return "  -  " if den == 0 else f"{100.0 * num / den:5.1f}"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--binary", default=os.environ.get("SENDONCE", DEFAULT_BINARY),
                    help="sendonce binary (default: target/release/sendonce, or $SENDONCE)")
    ap.add_argument("--corpus", default=DEFAULT_CORPUS,
                    help=f"folder extract.sh filled (default {DEFAULT_CORPUS})")
    ap.add_argument("--unlabelled", action="store_true",
                    help="print every finding no label matches (to label it)")
    ap.add_argument("--apps", default=os.path.join(HERE, "apps.tsv"), help="apps file (default: apps.tsv beside this script)")
    ap.add_argument("--labels", default=os.path.join(HERE, "labels.tsv"), help=argparse.SUPPRESS)
    args = ap.parse_args()

    apps = read_apps(args.apps)
    labels = read_labels(args.labels)
    split_of = {name: split for name, _, split in apps}
    known = set(split_of)
    for lab in labels:
        if lab.app not in known:
            print(f"warning: labels.tsv:{lab.lineno}: app {lab.app} is not in apps.tsv", file=sys.stderr)

    by_key: dict[tuple[str, str, str], list[Label]] = defaultdict(list)
    for lab in labels:
        by_key[(lab.app, lab.path, lab.rule)].append(lab)

    binary = os.path.abspath(args.binary) if os.sep in args.binary else args.binary
    failed: list[tuple[str, str]] = []
    file_errors: list[tuple[str, str]] = []
    findings: list[Finding] = []
    for name, commit, _split in apps:
        app_dir = os.path.join(args.corpus, name.replace("/", "+"))
        stamp = os.path.join(app_dir, ".sendonce-commit")
        if not os.path.isdir(app_dir):
            failed.append((name, f"not extracted in {args.corpus}: run scripts/realworld/extract.sh {args.corpus}"))
            continue
        try:
            with open(stamp, encoding="utf-8") as f:
                if f.read().strip() != commit:
                    failed.append((name, "extracted at another commit: run extract.sh again"))
                    continue
        except OSError:
            pass
        files, err = analyse(binary, app_dir)
        if err:
            failed.append((name, err))
            continue
        got, errs = findings_of(name, app_dir, files)
        file_errors.extend((name, e) for e in errs)
        findings.extend(got)

    # Match: same app, path and rule; line sets intersect. Each label explains at most one finding
    # where that is possible (a maximum matching, so a rule that moves its primary location from
    # the second send to the first still pairs every finding with its own label); a finding left
    # over shares its best label (the same bug reported twice).
    candidates: dict[int, list[Label]] = {}
    for fi in findings:
        cands = [l for l in by_key.get((fi.app, fi.path, fi.rule), []) if l.lines() & fi.lines()]
        # same primary line first, then the most lines in common
        cands.sort(key=lambda l: (l.line != fi.line, -len(l.lines() & fi.lines())))
        candidates[id(fi)] = cands
    finding_of_label: dict[int, Finding] = {}

    def assign(fi: Finding, seen: set[int]) -> bool:
        for lab in candidates[id(fi)]:
            if id(lab) in seen:
                continue
            seen.add(id(lab))
            holder = finding_of_label.get(id(lab))
            if holder is None or assign(holder, seen):
                finding_of_label[id(lab)] = fi
                fi.label = lab
                return True
        return False

    for fi in findings:
        assign(fi, set())
    for fi in findings:
        if fi.label is None and candidates[id(fi)]:
            fi.label = candidates[id(fi)][0]
    for fi in findings:
        if fi.label is not None:
            fi.label.matched = True

    failed_apps = {name for name, _ in failed}
    table: dict[tuple[str, str], Counts] = defaultdict(Counts)
    for fi in findings:
        c = table[(split_of.get(fi.app, "?"), fi.rule)]
        c.findings += 1
        if fi.label is None:
            c.unlabelled += 1
        else:
            setattr(c, fi.label.verdict, getattr(c, fi.label.verdict) + 1)
    # A true bug now reported by another rule (one finding for the bug instead of two, or a
    # `return` that fixes it found) is still found: a true finding of any rule covers its lines.
    moved: list[tuple[Label, Finding]] = []
    for lab in labels:
        if lab.verdict != "true" or lab.app in failed_apps:
            continue
        c = table[(split_of.get(lab.app, "?"), lab.rule)]
        c.labelled_true += 1
        if lab.matched:
            c.true_found += 1
            continue
        cover = next((fi for fi in findings if fi.app == lab.app and fi.path == lab.path and fi.rule != lab.rule
                      and fi.label is not None and fi.label.verdict == "true" and fi.lines() & lab.lines()), None)
        if cover is not None:
            c.true_found += 1
            moved.append((lab, cover))
        else:
            c.lost.append(lab)

    print(f"sendonce real-world corpus: {len(apps)} apps, {len(labels)} labels, {len(findings)} findings")
    print(f"binary: {binary}")
    print()
    rules = RULES + sorted({r for _, r in table} - set(RULES))
    head = f"{'split':8} {'rule':17} {'found':>5} {'true':>5} {'false':>5} {'debat':>5} {'unlab':>5} {'prec%':>6} {'recall%':>7} {'lost':>4}"
    print(head)
    print("-" * len(head))
    lost_all: list[Label] = []
    for split in (*SPLITS, "all"):
        total = Counts()
        for rule in rules:
            c = Counts()
            for s in SPLITS if split == "all" else (split,):
                c.add(table.get((s, rule), Counts()))
            total.add(c)
            if c.findings == 0 and c.labelled_true == 0:
                continue
            print(row(split, rule, c))
        print(row(split, "(every rule)", total))
        print()
        if split == "all":
            lost_all = total.lost

    if moved:
        print(f"found by another rule (the same bug, one finding): {len(moved)}")
        for lab, fi in sorted(moved, key=lambda m: (m[0].app, m[0].path, m[0].line)):
            print(f"  {split_of.get(lab.app, '?'):7} {lab.app} {lab.path}:{lab.line} {lab.rule} -> {fi.rule} at line {fi.line}")
        print()
    if lost_all:
        print(f"lost (labelled true, not reported): {len(lost_all)}")
        for lab in sorted(lost_all, key=lambda l: (l.app, l.path, l.line)):
            print(f"  {split_of.get(lab.app, '?'):7} {lab.app} {lab.path}:{lab.line} {lab.rule}: {lab.reason}")
        print()
    if failed:
        print(f"apps not analysed: {len(failed)}")
        for name, why in failed:
            print(f"  {name}: {why}")
        print()
    if file_errors:
        print(f"files sendonce could not analyse: {len(file_errors)}")
        for name, why in file_errors[:50]:
            print(f"  {name} {why}")
        print()
    unl = [f for f in findings if f.label is None]
    if args.unlabelled:
        print(f"unlabelled findings: {len(unl)}")
        for fi in sorted(unl, key=lambda f: (f.app, f.path, f.line)):
            rel = ",".join(str(r) for r in fi.related)
            print(f"  {fi.app}\t{fi.path}\t{fi.line}\t{fi.rule}\t{rel}\t{fi.message}")
    elif unl:
        print(f"{len(unl)} unlabelled finding(s): --unlabelled lists them")
    return 0


def row(split: str, rule: str, c: Counts) -> str:
    return (f"{split:8} {rule:17} {c.findings:5} {c.true:5} {c.false:5} {c.debatable:5} {c.unlabelled:5} "
            f"{pct(c.true, c.findings - c.debatable):>6} {pct(c.true_found, c.labelled_true):>7} {len(c.lost):4}")


if __name__ == "__main__":
    sys.exit(main())
