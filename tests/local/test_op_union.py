"""The creator's edit ops are listed once (``ops.CreatorOp``): the words produce them, the reader passes
them through to ``apply`` unchanged, and the core's union holds each of them."""

from __future__ import annotations

from typing import get_args

from skill.local.edit_cues import parse_creator_edits
from skill.local.reading import read, to_op
from skill.timeline import ops

# one sentence per creator op (EN and Chinese mixed): each must be read into exactly that op's class
_SENTENCES = {
    "section": "start at the chorus",
    "section_pace": "副歌每拍切，其他每小节",
    "pace": "every other beat",
    "offset": "the cuts are a bit late",
    "fade": "结尾淡出2秒",
    "transition": "crossfade between the clips",
    "effect": "add a zoom punch on the downbeats",
    "title_style": "move the title to the top",
    "text": "add a caption 'See you' at the end",
    "clip_order": "shuffle the clips",
    "use_clip": "don't use cat.jpg",
    "only_clips": "只用 box 和 cup",
    "photo_motion": "keep the photos still",
    "beat": "it is double time",
}


def test_the_creator_ops_are_one_union_inside_the_edit_ops() -> None:
    tags = {cls.__dataclass_fields__["op"].default for cls in ops.CREATOR_OPS}
    assert tags == set(_SENTENCES)  # a new creator op needs its words (and this sentence) too
    assert set(ops.CREATOR_OPS) <= set(get_args(ops.EditOp))
    assert set(ops.CREATOR_OPS) == set(get_args(ops.CreatorOp))


def test_each_creator_op_is_read_and_passed_through_unchanged() -> None:
    for tag, sentence in _SENTENCES.items():
        found = [op for op in parse_creator_edits(sentence) if op.op == tag]
        assert found, sentence
        for op in found:
            assert isinstance(op, ops.CREATOR_OPS)
            assert to_op(op) is op
        assert any(op.op == tag for op in read(sentence).ops), sentence
