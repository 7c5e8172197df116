"""QR codes made at build time: leaflets and printed pages lead back to the site.

Record pages are many (37,500 for 5,000 services in six languages), each with a print-only
code, and segno's general encoder took 0.7-1.2 ms a code even with a fixed mask: this module
encodes the one case they need (a web address in byte mode, error correction M raised as far
as the version allows) itself, with segno's tables and each version's layout worked out once.
Page codes take a fixed mask. Leaflets, handed out on paper, take the mask of the lowest
penalty, as the standard asks (ISO/IEC 18004, 7.8.3), scored here on whole rows and columns
at once (segno's search, module by module, took ~5 ms a code, twice per leaflet and language:
for its page and for its PDF). Codes have segno's version, level and fixed patterns; the
tests decode them with zxing-cpp, damaged too, and check the penalties against segno's. (segno
writes one more zero byte after the terminator than the standard asks for; this encoder does
not, so the data modules differ.)
"""

from __future__ import annotations

import base64
import itertools
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from operator import itemgetter
from typing import Any, cast

import segno
from segno import consts, encoder

# Any mask gives a valid code; a fixed one skips the search.
PAGE_MASK = 2
MASKS = range(8)
QUIET_ZONE = 4  # modules of white around the code
_BOOST = (consts.ERROR_LEVEL_M, consts.ERROR_LEVEL_Q, consts.ERROR_LEVEL_H)
_BYTE_MODE = 0b0100
_PAD_CODEWORDS = (0xEC, 0x11)
_DARK_RUN = re.compile("1+")
_LONG_RUN = re.compile("0{5,}|1{5,}")
_FINDER_LIKE = "1011101"
# segno's tables, typed: bits of data per version and level; error-correction blocks.
_CAPACITY = cast(dict[int, dict[int, int]], consts.SYMBOL_CAPACITY)
_BLOCKS = cast(dict[int, dict[int, Any]], consts.ECC)
_COUNT_BITS: dict[int, dict[int, int]] = consts.CHAR_COUNT_INDICATOR_LENGTH


# A preview (`mkdocs serve`) draws the same addresses' codes after every edit; a code is a
# few KB, and one language's pages hold a few hundred.
_KEPT_CODES = 2048


@lru_cache(maxsize=_KEPT_CODES)
def qr_svg(url: str) -> str:
    """The QR code of a full address as a small SVG (medium error correction or better
    survives a worn or badly printed copy), with the mask of the lowest penalty."""
    penalties = mask_penalties(url)
    return _code(url, penalties.index(min(penalties)))


@lru_cache(maxsize=_KEPT_CODES)
def page_qr_svg(url: str) -> str:
    """A code like `qr_svg`'s with the mask fixed: a quarter of the time."""
    return _code(url, PAGE_MASK)


def _code(url: str, mask: int) -> str:
    data = url.encode("iso-8859-1")  # segno's choice for such text; web addresses are ASCII
    layout = _layout(*_version_and_level(len(data)), mask)
    return _svg(layout.rows(layout.stream(data) ^ layout.mask), layout.width)


def masked_symbols(url: str) -> list[list[str]]:
    """The rows of `url`'s code under each mask, as the standard scores them: before format
    and version information, whose modules are light."""
    data = url.encode("iso-8859-1")
    version, level = _version_and_level(len(data))
    layout = _layout(version, level, PAGE_MASK)  # any mask's: the stream is the same
    stream, width, pick = layout.stream(data), layout.width, _evaluated(version)
    symbols = []
    for mask in MASKS:
        bits = format(stream ^ _mask_bits(version, mask), f"0{layout.modules}b")
        flat = "".join(pick(bits + "01"))
        symbols.append([flat[row * width : (row + 1) * width] for row in range(width)])
    return symbols


def mask_penalties(url: str) -> list[int]:
    """Each mask's penalty for `url`'s code (ISO/IEC 18004, 7.8.3.1, table 11)."""
    return [_penalty(rows) for rows in masked_symbols(url)]


def _penalty(rows: list[str]) -> int:
    """Runs of five or more alike (N1), 2x2 blocks alike (N2), finder-like 1:1:3:1:1 runs
    beside four light modules (N3), and dark modules away from half (N4)."""
    size = len(rows)
    lines = [*rows, *("".join(column) for column in zip(*rows, strict=True))]
    n1 = sum(len(run) - 2 for line in lines for run in _LONG_RUN.findall(line))
    numbers = [int(row, 2) for row in rows]
    pairs = (1 << (size - 1)) - 1  # bit k: modules k and k+1 of a row
    n2 = 0
    for above, below in itertools.pairwise(numbers):
        unlike = (above ^ above >> 1) | (below ^ below >> 1) | (above ^ below)
        n2 += 3 * (~unlike & pairs).bit_count()
    n3 = sum(_finder_like(line) for line in lines)
    dark = sum(row.count("1") for row in rows)
    n4 = 10 * int(abs(dark / size**2 * 100 - 50) / 5)
    return n1 + n2 + n3 + n4


def _finder_like(line: str) -> int:
    """40 for each 1011101 at an edge or with four light modules before or after it; after
    one that has neither, the search goes on inside it (as segno's does)."""
    size, found = len(line), 0
    at = line.find(_FINDER_LIKE)
    while at != -1:
        after = at + 7
        if (
            at in (0, size - 7)
            or "1" not in line[max(at - 4, 0) : at]
            or "1" not in line[after : after + 4]
        ):
            found += 40
        else:
            after = at + 4
        at = line.find(_FINDER_LIKE, after)
    return found


def qr_img(svg: str) -> str:
    """An <img> with a QR code's SVG as a data address, drawn by every browser and printed.
    Its empty `image` metadata keeps Pagefind from taking it for the page's picture: it
    copied the code's few KB into every search result (which shows no pictures) and spent
    half of each index's time on them."""
    data = base64.b64encode(svg.encode()).decode()
    return (
        f'<img class="qr-code" src="data:image/svg+xml;base64,{data}" alt=""'
        ' data-pagefind-meta="image:">'
    )


def _svg(rows: str, width: int) -> str:
    """One stroked path along the dark runs of each row, inside the quiet zone the standard
    asks for. `rows` holds "1" for a dark module, each row ending in a "0" of its own."""
    size = width + 2 * QUIET_ZONE
    runs = []
    for run in _DARK_RUN.finditer(rows):
        y, x = divmod(run.start(), width + 1)
        runs.append(f"M{x + QUIET_ZONE} {y + QUIET_ZONE}.5h{run.end() - run.start()}")
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}">'
        f'<rect width="{size}" height="{size}" fill="#fff"/>'
        f'<path stroke="#000" d="{"".join(runs)}"/></svg>'
    )


def _count_bits(version: int) -> int:
    return _COUNT_BITS[consts.MODE_BYTE][encoder.version_range(version)]


def _version_and_level(length: int) -> tuple[int, int]:
    """The smallest version that holds `length` bytes at level M, and the highest level that
    still fits in it (segno's "boost")."""
    for version in range(1, 41):
        bits = 4 + _count_bits(version) + 8 * length
        if _CAPACITY[version][consts.ERROR_LEVEL_M] >= bits:
            fitting = [e for e in _BOOST if _CAPACITY[version][e] >= bits]
            return version, fitting[-1]
    raise ValueError(f"{length} bytes do not fit in a QR code")


@dataclass(frozen=True)
class _Layout:
    """What every code of one version and level shares: blocks, the order of data modules,
    the mask over them, and the fixed patterns."""

    version: int
    width: int
    blocks: tuple[tuple[int, int], ...]  # (data codewords, error codewords) per block
    remainder: int  # bits after the last codeword
    mask: int  # the mask's bits in placement order, as one number
    cells: itemgetter[Any]  # picks each module's character, row by row, from message + "01"
    modules: int  # data modules: the message's bits, remainder included

    @property
    def data_codewords(self) -> int:
        return sum(data for data, _ in self.blocks)

    def stream(self, data: bytes) -> int:
        """The bit stream of `data`, unmasked: mode, count, bytes, terminator, padding,
        blocks with their error correction interleaved, remainder bits."""
        count_bits = _count_bits(self.version)
        capacity = 8 * self.data_codewords
        length = 4 + count_bits + 8 * len(data)
        value = (_BYTE_MODE << count_bits | len(data)) << 8 * len(data) | int.from_bytes(data)
        terminator = min(4, capacity - length)
        value <<= terminator + (-(length + terminator) % 8)
        codewords = bytearray(value.to_bytes((length + terminator + 7) // 8))
        padding = self.data_codewords - len(codewords)
        codewords.extend(_PAD_CODEWORDS[i % 2] for i in range(padding))
        stream = _interleave(codewords, self.blocks)
        return int.from_bytes(stream) << self.remainder

    def rows(self, message: int) -> str:
        bits = format(message, f"0{self.modules}b")
        return "".join(self.cells(bits + "01"))


def _stream_length(blocks: tuple[tuple[int, int], ...]) -> int:
    return sum(data + error for data, error in blocks)


def _interleave(codewords: bytearray, blocks: tuple[tuple[int, int], ...]) -> bytes:
    data_blocks, error_blocks, start = [], [], 0
    for data, error in blocks:
        block = bytes(codewords[start : start + data])
        start += data
        data_blocks.append(block)
        error_blocks.append(_error_codewords(block, error))
    return bytes(_columns(data_blocks) + _columns(error_blocks))


def _columns(blocks: list[bytes]) -> list[int]:
    """The i-th codeword of every block, then the (i+1)-th: blocks may differ by one."""
    longest = max(len(block) for block in blocks)
    return [block[i] for i in range(longest) for block in blocks if i < len(block)]


def _error_codewords(block: bytes, count: int) -> bytes:
    """Reed-Solomon remainder of `block` by the generator polynomial of `count` codewords."""
    products = _products(count)
    remainder = [0] * count
    for byte in block:
        factor = byte ^ remainder[0]
        remainder = [*remainder[1:], 0]
        if factor:
            remainder = [a ^ b for a, b in zip(remainder, products[factor], strict=True)]
    return bytes(remainder)


@cache
def _products(count: int) -> list[list[int]]:
    """For each codeword value, its products with the generator's coefficients."""
    log, exp, generator = consts.GALIOS_LOG, consts.GALIOS_EXP, consts.GEN_POLY[count]
    return [[]] + [[exp[(log[value] + g) % 255] for g in generator] for value in range(1, 256)]


@cache
def data_modules(version: int) -> tuple[tuple[int, int], ...]:
    """(row, column) of the modules that carry data, in the order the standard fills them."""
    width = encoder.calc_matrix_size(version)
    free = encoder.make_matrix(width, width)
    encoder.add_finder_patterns(free, width, width)
    encoder.add_alignment_patterns(free, width, width)
    return tuple(_placement_order(free, width))


@cache
def _layout(version: int, level: int, mask: int) -> _Layout:
    width = encoder.calc_matrix_size(version)
    order = data_modules(version)
    # The fixed patterns with format and version information: segno's code of any content
    # of this version, level and mask, with the data modules cleared.
    sample = segno.make("", version=version, error=_level_name(level), mask=mask, boost_error=False)
    fixed = [["1" if cell & 1 else "0" for cell in row] for row in sample.matrix]
    blocks = tuple(
        (info.num_data, info.num_total - info.num_data)
        for info in _BLOCKS[version][level]
        for _ in range(info.num_blocks)
    )
    stream_bits = 8 * _stream_length(blocks)
    remainder = len(order) - stream_bits
    position = {cell: index for index, cell in enumerate(order)}
    light, dark = len(order), len(order) + 1  # the "0" and "1" after the message's bits
    picks = []
    for i in range(width):
        for j in range(width):
            picks.append(position.get((i, j), dark if fixed[i][j] == "1" else light))
        picks.append(light)  # each row ends in a light character of its own
    return _Layout(
        version, width, blocks, remainder, _mask_bits(version, mask), itemgetter(*picks), len(order)
    )


@cache
def _mask_bits(version: int, mask: int) -> int:
    """A mask's bits over the data modules in placement order, as one number."""
    pattern = encoder.get_data_mask_functions(False)[mask]
    bits = 0
    for i, j in data_modules(version):
        bits = bits << 1 | pattern(i, j)
    return bits


@cache
def _evaluated(version: int) -> itemgetter[Any]:
    """Picks a code's modules, row by row, from its masked stream + "01" with the format
    and version areas light: the symbol as its masks are scored."""
    width = encoder.calc_matrix_size(version)
    unset = encoder.make_matrix(width, width)  # 0x2 where data goes; format areas 0
    encoder.add_finder_patterns(unset, width, width)
    encoder.add_alignment_patterns(unset, width, width)
    order = data_modules(version)
    position = {cell: index for index, cell in enumerate(order)}
    light, dark = len(order), len(order) + 1
    picks = [
        position[(i, j)] if (i, j) in position else (dark if unset[i][j] == 1 else light)
        for i in range(width)
        for j in range(width)
    ]
    return itemgetter(*picks)


def _level_name(level: int) -> str:
    return {consts.ERROR_LEVEL_M: "m", consts.ERROR_LEVEL_Q: "q", consts.ERROR_LEVEL_H: "h"}[level]


def _placement_order(free: tuple[bytearray, ...], width: int) -> list[tuple[int, int]]:
    """Data modules in the order the standard fills them: two-module columns from the right,
    up and down in turn, skipping the vertical timing pattern (ISO/IEC 18004, 7.7.3)."""
    order = []
    upwards = True
    right = width - 1
    while right > 0:
        if right == 6:
            right -= 1
        for step in range(width):
            i = width - 1 - step if upwards else step
            for j in (right, right - 1):
                if free[i][j] == 0x2:
                    order.append((i, j))
        upwards = not upwards
        right -= 2
    return order
