"""The weekly digest: gather a week's inputs from the store (`load`), build each member's
digest with pure functions (`build`, `actions`), render it as HTML and text (`render`).
Sending is `tracker.mail`'s."""

from tracker.digest.asks import ACTION_RULES, Situation, SuggestedAction, suggest_action
from tracker.digest.build import build_digest, prepare
from tracker.digest.inputs import DigestInput, DigestWindow, digest_window
from tracker.digest.load import load_digest_input
from tracker.digest.model import Alert, BillLine, Digest, HearingLine, Section
from tracker.digest.render import RenderedDigest, render_digest, to_message

__all__ = [
    "ACTION_RULES",
    "Alert",
    "BillLine",
    "Digest",
    "DigestInput",
    "DigestWindow",
    "HearingLine",
    "RenderedDigest",
    "Section",
    "Situation",
    "SuggestedAction",
    "build_digest",
    "digest_window",
    "load_digest_input",
    "prepare",
    "render_digest",
    "suggest_action",
    "to_message",
]
