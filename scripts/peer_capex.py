#!/usr/bin/python3
"""The Capex view as an analyst would draw it with matplotlib: the peer `flywheel render --view
capex` is timed against (scripts/render_vs_peer.sh).

Reads data/*.ron with a small RON parser of its own (no Flywheel involved) and draws the same
four panels as the view at 1600x900 pixels: the companies' key on the left, then stacked capex
per fiscal year (bars, one per company) with each company's annual capex guidance as hollow
circles, capex intensity (capex / revenue, %), and free cash flow (operating cash flow - capex,
solid) against capex (dashed), with the source line along the bottom.

Usage: scripts/peer_capex.py OUT.png [DATA_DIR]
"""

import re
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402  (the backend is chosen first)

# Flywheel's company colours (Okabe-Ito), so both pictures carry the same ink.
COLORS = {"AMZN": "#e69f00", "GOOGL": "#0072b2", "MSFT": "#009e73"}
FIRST_YEAR, LAST_YEAR = 2015, 2030

TOKEN = re.compile(
    r"""\s*(?:
        (?P<comment>//[^\n]*|\#!\[[^\]]*\])
      | (?P<string>"(?:[^"\\]|\\.)*")
      | (?P<number>-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)
      | (?P<ident>[A-Za-z_][A-Za-z0-9_]*)
      | (?P<punct>[()\[\]{}:,])
    )""",
    re.VERBOSE,
)


def tokens(text):
    """RON tokens, comments and the `#![enable(..)]` attribute skipped."""
    position = 0
    while True:
        match = TOKEN.match(text, position)
        if not match or match.end() == position:
            if text[position:].strip():
                raise ValueError(f"cannot read RON at offset {position}")
            return
        position = match.end()
        kind = match.lastgroup
        if kind != "comment":
            yield kind, match.group(kind)


class Parser:
    """Just enough RON for a dataset: structs (named or not), lists, maps, strings, numbers,
    identifiers (enum variants, `None`, `true`)."""

    def __init__(self, text):
        self.tokens = list(tokens(text))
        self.index = 0

    def peek(self):
        return self.tokens[self.index] if self.index < len(self.tokens) else (None, None)

    def take(self, expected=None):
        kind, value = self.peek()
        if expected is not None and value != expected:
            raise ValueError(f"expected {expected!r}, found {value!r}")
        self.index += 1
        return kind, value

    def value(self):
        kind, value = self.take()
        if kind == "string":
            return bytes(value[1:-1], "utf-8").decode("unicode_escape", errors="replace")
        if kind == "number":
            return float(value)
        if kind == "ident":
            if self.peek()[1] == "(":
                return self.value()  # a named struct or Some(..): its contents
            return {"None": None, "true": True, "false": False}.get(value, value)
        if value == "[":
            return self.sequence("]")
        if value == "{":
            return self.fields("}")
        if value == "(":
            # A struct has `name:` first; a tuple or Some(..) does not.
            if self.tokens[self.index + 1][1] == ":" and self.peek()[0] == "ident":
                return self.fields(")")
            items = self.sequence(")")
            return items[0] if len(items) == 1 else items
        raise ValueError(f"unexpected {value!r}")

    def sequence(self, close):
        items = []
        while self.peek()[1] != close:
            items.append(self.value())
            if self.peek()[1] == ",":
                self.take()
        self.take(close)
        return items

    def fields(self, close):
        record = {}
        while self.peek()[1] != close:
            kind, key = self.take()
            self.take(":")
            record[key.strip('"') if kind == "string" else key] = self.value()
            if self.peek()[1] == ",":
                self.take()
        self.take(close)
        return record


def x_position(end_date):
    """Middle of a fiscal year on an axis in years (Microsoft's July-June year straddles)."""
    year, month = int(end_date[:4]), int(end_date[5:7])
    return year + month / 12 - 0.5


def load(data_dir):
    """Per company: annual (x, revenue, capex, operating cash flow) and capex guidance."""
    companies = []
    for path in sorted(Path(data_dir).glob("*.ron")):
        dataset = Parser(path.read_text(encoding="utf-8")).value()
        if not isinstance(dataset, dict) or "periods" not in dataset:
            continue  # a deck or a scenario
        ticker = dataset["company"]["ticker"]
        end_month = int(dataset["company"]["fiscal_year_end_month"])
        years = []
        for record in dataset["periods"]:
            if not record["period"].startswith("FY"):
                continue
            if not FIRST_YEAR <= int(record["end_date"][:4]) <= LAST_YEAR:
                continue
            years.append(
                (
                    x_position(record["end_date"]),
                    record.get("revenue"),
                    record.get("capex"),
                    record.get("operating_cash_flow"),
                )
            )
        guidance = []
        for statement in dataset.get("guidance", []):
            period = statement["period"]
            if statement["metric"] != "capex" or not period.startswith("FY"):
                continue
            ends = [v for v in (statement.get("low"), statement.get("high")) if v is not None]
            if not ends:
                continue
            # A fiscal year is named after the calendar year it ends in.
            x = int(period[2:]) + end_month / 12 - 0.5
            guidance.append((x, sum(ends) / len(ends)))
        companies.append((ticker, dataset["company"]["name"], years, guidance))
    return companies


def runs(points):
    """Unbroken runs of (x, y) with y present: a line never crosses a missing value."""
    run = []
    for x, y in points:
        if y is None:
            if run:
                yield run
            run = []
        else:
            run.append((x, y))
    if run:
        yield run


def line(axes, points, color, style="-"):
    for run in runs(points):
        xs, ys = zip(*run)
        if len(run) == 1:
            axes.plot(xs, ys, "o", color=color, markersize=4)
        else:
            axes.plot(xs, ys, style, color=color, linewidth=2)


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else "peer_capex.png"
    data_dir = sys.argv[2] if len(sys.argv) > 2 else Path(__file__).parent.parent / "data"
    companies = load(data_dir)
    figure = plt.figure(figsize=(16, 9), dpi=100)
    grid = figure.add_gridspec(
        3, 2, width_ratios=[1, 6], hspace=0.45, wspace=0.12,
        left=0.01, right=0.99, top=0.95, bottom=0.07,
    )
    key = figure.add_subplot(grid[:, 0])
    key.axis("off")
    key.text(0.0, 0.98, "Companies", fontsize=13, transform=key.transAxes, va="top")
    for row, (ticker, name, _, _) in enumerate(companies):
        key.text(
            0.0,
            0.93 - row * 0.035,
            f"■ {name} ({ticker})",
            color=COLORS.get(ticker, "black"),
            fontsize=9,
            transform=key.transAxes,
            va="top",
        )
    key.text(0.0, 0.78, "Periods: annual\nYears: 2015-2030", fontsize=9, transform=key.transAxes)
    capex_axes = figure.add_subplot(grid[0, 1])
    intensity_axes = figure.add_subplot(grid[1, 1], sharex=capex_axes)
    cash_axes = figure.add_subplot(grid[2, 1], sharex=capex_axes)
    step = 0.48 / max(len(companies), 1)
    for index, (ticker, _, years, guidance) in enumerate(companies):
        color = COLORS.get(ticker, "grey")
        offset = (index - (len(companies) - 1) / 2) * step
        bars = [(x + offset, capex) for x, _, capex, _ in years if capex is not None]
        if bars:
            xs, heights = zip(*bars)
            capex_axes.bar(xs, heights, width=step * 0.94, color=color, label=ticker)
        if guidance:
            xs, values = zip(*guidance)
            capex_axes.scatter([x + offset for x in xs], values, s=120, facecolors="none",
                               edgecolors=color, linewidths=1.5)
        line(
            intensity_axes,
            [
                (x, capex / revenue * 100 if capex is not None and revenue else None)
                for x, revenue, capex, _ in years
            ],
            color,
        )
        line(
            cash_axes,
            [
                (x, cash - capex if cash is not None and capex is not None else None)
                for x, _, capex, cash in years
            ],
            color,
        )
        line(cash_axes, [(x, capex) for x, _, capex, _ in years], color, "--")
    titles = [
        (capex_axes, "Capex, with guidance (hollow circles)", "US$ B"),
        (intensity_axes, "Capex intensity", "%"),
        (cash_axes, "Free cash flow (solid) against capex (dashed)", "US$ B"),
    ]
    for axes, title, unit in titles:
        axes.set_title(f"{title}   {unit}", loc="left", fontsize=11)
        axes.set_ylabel(unit)
        axes.grid(True, color="#dddddd")
        axes.set_xticks(range(FIRST_YEAR, 2027))
    capex_axes.legend(loc="upper left", ncol=len(companies), fontsize=9, frameon=False)
    figure.text(
        0.01,
        0.01,
        "Figures in US$ billions from 10-K, 10-Q and earnings-release filings",
        fontsize=8,
        color="#555555",
    )
    figure.savefig(out, dpi=100)


if __name__ == "__main__":
    main()
