"""``assign`` hands each frame to its own role filler: every frame a trigger can carry has one."""

from __future__ import annotations

from pipeline.extract import roles
from pipeline.extract.triggers import FRAME_TYPES


def test_every_frame_has_a_filler() -> None:
    assert set(roles._BY_FRAME) == set(FRAME_TYPES)
    for frame, fill in roles._BY_FRAME.items():
        assert fill.__name__ == f"_assign_{frame}"

