"""Python's cyclic garbage collector, set for a build (the hook's process and the workers).

A build makes millions of objects that live until it ends, and very few cycles. With
Python's default thresholds the collector ran 570 times in the hook's process, 4 of them full
collections walking everything the build had made (0.41 s in all; 0.22 s in each worker): a
young generation of 10,000 objects, not 700, leaves about 100 young collections (0.14 s;
0.07 s in a worker). When MkDocs exits, the objects are frozen: Python's last collection
would walk them all (0.3 s) only for the process to end and give their memory back anyway."""

from __future__ import annotations

import gc

BUILD_THRESHOLDS = (10_000, 50, 100)


def set_for_the_build() -> None:
    gc.set_threshold(*BUILD_THRESHOLDS)


def set_for_the_exit() -> None:
    gc.freeze()
