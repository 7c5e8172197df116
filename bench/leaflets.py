"""Benchmark: every leaflet PDF of the real data, made without the cache, by Typst (the
build's engine) and, when it is installed, by WeasyPrint (the engine before it), to compare.

Prints, for Typst: the time per leaflet in one process (CPU and wall, fonts loaded once), the
start-up of a process's compiler (fonts read), and all leaflets the way the build makes them
(`write_pdfs`: a process per core). For WeasyPrint (not a dependency any more: `pip install
weasyprint==70.0` to compare): the same leaflets' content (the site's leaflet page from the same
`Leaflet`, with the print style WeasyPrint had, bench/weasyprint-leaflet.css), a leaflet a
document, in one process. With `--png DIR` it also draws the first page of some leaflets
(Arabic, Vietnamese, Czech and Ukrainian) as PNGs with PDFium, to look at.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import os
import resource
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from directory.data.dataset import Directory
from directory.data.leaflet_plan import all_plans
from directory.data.loading import load
from directory.print.leaflets import Leaflet, LeafletWriter
from directory.print.pdf import check_fonts, write_pdfs
from directory.print.typeset import typeset
from directory.render.pages import SiteLinks
from directory.text.languages import SITE_LANGUAGES

ROOT = Path(__file__).resolve().parent.parent
LINKS = SiteLinks(site_url="https://rozcestnik.example.org/")
SAMPLES = [("ar", "bor"), ("vi", "bor"), ("cs", "bor"), ("uk", "brno"), ("vi", "praha-3")]
WEASYPRINT_CSS = Path(__file__).with_name("weasyprint-leaflet.css")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--png", type=Path, help="write the first page of some leaflets here")
    parser.add_argument("--no-weasyprint", action="store_true", help="Typst only")
    arguments = parser.parse_args()
    directory = load(ROOT / "data")
    writers = {language: LeafletWriter(directory, language, LINKS) for language in SITE_LANGUAGES}
    leaflets = [
        writers[lang].leaflet(plan) for lang in SITE_LANGUAGES for plan in all_plans(directory)
    ]
    print(f"{len(leaflets)} leaflets ({len(leaflets) // len(SITE_LANGUAGES)} places × 6 languages)")
    fonts = check_fonts()
    started = time.perf_counter()
    typeset([], fonts)  # the compiler and its fonts, once a process
    setup = (time.perf_counter() - started) * 1000
    print(f"typst: a process's compiler with its fonts {setup:.0f} ms")
    pdfs = one_by_one("typst", leaflets, lambda leaflet: typeset([leaflet.as_json()], fonts)[0])
    with tempfile.TemporaryDirectory() as tmp:
        started, children = time.perf_counter(), _children_cpu()
        write_pdfs(directory, Path(tmp), LINKS)
        seconds, cpu = time.perf_counter() - started, _children_cpu() - children
    print(
        f"typst, as the build does (write_pdfs: {os.cpu_count()} spawned processes):"
        f" {seconds:.2f} s in all, {cpu:.2f} CPU-s in the workers (their start included)"
    )
    if arguments.no_weasyprint:
        pass
    elif importlib.util.find_spec("weasyprint") is None:
        print("weasyprint: not installed (pip install weasyprint==70.0 to compare)")
    else:
        one_by_one("weasyprint", leaflets, weasyprint(directory))
    if arguments.png:
        write_pngs(leaflets, pdfs, arguments.png)


def _children_cpu() -> float:
    """CPU seconds of this process's ended children (the pool's workers, once shut down)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def one_by_one(
    engine: str, leaflets: list[Leaflet], make: Callable[[Leaflet], bytes]
) -> list[bytes]:
    """Each leaflet's PDF in this process, timed one by one."""
    pdfs, wall, cpu = [], [], []
    for leaflet in leaflets:
        started, started_cpu = time.perf_counter(), time.process_time()
        pdfs.append(make(leaflet))
        wall.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    size = sum(len(pdf) for pdf in pdfs) / len(pdfs) / 1024
    print(
        f"{engine}: per leaflet {statistics.median(cpu) * 1000:.0f} ms CPU (median;"
        f" slowest {max(cpu) * 1000:.0f} ms), {statistics.median(wall) * 1000:.0f} ms wall;"
        f" all {len(pdfs)} in one process {sum(cpu):.2f} CPU-s, {sum(wall):.2f} s;"
        f" {size:.0f} KiB a PDF"
    )
    return pdfs


def weasyprint(directory: Directory) -> Callable[[Leaflet], bytes]:
    """WeasyPrint printing a leaflet as it did: the leaflet's HTML with its print style."""
    from directory.render.qrcode import qr_img
    from markupsafe import Markup

    engine = importlib.import_module("weasyprint")  # installed by hand for the comparison only
    style = engine.CSS(string=WEASYPRINT_CSS.read_text(encoding="utf-8"))

    def make(leaflet: Leaflet) -> bytes:
        renderer = LeafletWriter(directory, leaflet.language, LINKS).renderer
        qr = Markup(qr_img(leaflet.qr_svg))
        body = renderer.render("leaflet.html", "", leaflet=leaflet, qr=qr)
        html = (
            f'<html lang="{leaflet.language}" dir="{leaflet.direction}"><body>{body}</body></html>'
        )
        return bytes(engine.HTML(string=html).write_pdf(stylesheets=[style]))

    return make


def write_pngs(leaflets: list[Leaflet], pdfs: list[bytes], target: Path) -> None:
    import pypdfium2

    target.mkdir(parents=True, exist_ok=True)
    by_page = {
        (leaflet.language, leaflet.url.rstrip("/").rsplit("/", 1)[1]): pdf
        for leaflet, pdf in zip(leaflets, pdfs, strict=True)
    }
    for language, place in SAMPLES:
        document = pypdfium2.PdfDocument(by_page[(language, place)])
        png = target / f"leaflet-{place}-{language}.png"
        document[0].render(scale=100 / 72).to_pil().save(png)
        print(f"{png}")


if __name__ == "__main__":
    main()
