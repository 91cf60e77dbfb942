"""SendGrid's Event Webhook: what happened to the tracker's emails after SendGrid took them.

`POST /webhooks/sendgrid/events` takes SendGrid's JSON array of events. No sign-in and no
CSRF token (like /unsubscribe): the credential is SendGrid's ECDSA signature over the
`X-Twilio-Email-Event-Webhook-Timestamp` header followed by the raw body, checked against
TRACKER_SENDGRID_WEBHOOK_PUBLIC_KEY with the SendGrid library's own helper. Without that
key the endpoint does not exist (404): unsigned events are never taken.

Answers: 200 with counts (events it ignores are counted, never an error, so SendGrid does
not retry them), 403 for a missing, wrong or stale signature, 400 for a body that is not a
JSON array, 413 for a body too large to be one of SendGrid's batches.
"""

from __future__ import annotations

import binascii
import json
import logging
from datetime import datetime, timedelta

from cryptography.hazmat.primitives.asymmetric import ec
from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from sendgrid.helpers.eventwebhook import EventWebhook, EventWebhookHeader
from sqlalchemy.engine import Engine

from tracker.db import session_scope
from tracker.rules.mail_events import EventBatch, read_events
from tracker.store.mail_events import EventReport, record_mail_events
from tracker.web.auth import Now

logger = logging.getLogger(__name__)
router = APIRouter()

PATH = "/webhooks/sendgrid/events"
MAX_SIGNATURE_AGE = timedelta(minutes=10)  # older (or as far ahead): a replay, refused
MAX_BODY = 4 * 1024 * 1024  # SendGrid posts batches of at most 768 KB


class WebhookRefused(Exception):
    def __init__(self, status_code: int, message: str) -> None:
        super().__init__(message)
        self.status_code = status_code
        self.message = message


def event_verifier(public_key: str | None) -> EventWebhook | None:
    """The signature checker for a configured key; None when the webhook is off.

    Raises ValueError naming the setting when the key is not an ECDSA public key."""
    if not public_key:
        return None
    try:
        verifier = EventWebhook(public_key)
    except ValueError as error:
        problem = str(error)
    else:
        if isinstance(verifier.public_key, ec.EllipticCurvePublicKey):
            return verifier
        problem = "not an ECDSA key"
    raise ValueError(
        "TRACKER_SENDGRID_WEBHOOK_PUBLIC_KEY is not SendGrid's verification key: paste the "
        f"public key shown under Mail Settings, Event Webhook, Signature Verification ({problem})"
    )


@router.post(PATH)
async def sendgrid_events(request: Request, now: Now) -> JSONResponse:
    verifier: EventWebhook | None = request.app.state.event_verifier
    if verifier is None:
        return _answer(404, {"error": "The SendGrid event webhook is not enabled here."})
    try:
        body = await _body(request)
        payload = check_signature(verifier, request, body, now=now)
        events = parse_events(payload)
    except WebhookRefused as refused:
        if refused.status_code == 403:
            logger.warning("sendgrid webhook refused: %s", refused.message)
        return _answer(refused.status_code, {"error": refused.message})
    engine = request.app.state.engine
    report = await run_in_threadpool(_record, engine, read_events(events), now)
    logger.info("sendgrid webhook: %s", report.as_dict())
    return _answer(200, report.as_dict())


def check_signature(verifier: EventWebhook, request: Request, body: bytes, *, now: datetime) -> str:
    """The body as text, if SendGrid signed it a moment ago; WebhookRefused otherwise."""
    signature = request.headers.get(EventWebhookHeader.SIGNATURE, "")
    timestamp = request.headers.get(EventWebhookHeader.TIMESTAMP, "")
    if not signature or not timestamp:
        raise WebhookRefused(403, "The request is not signed (SendGrid's signature headers).")
    if not (timestamp.isascii() and timestamp.isdigit() and len(timestamp) <= 12):
        raise WebhookRefused(403, "The signature's timestamp is not a Unix time.")
    age = now.timestamp() - int(timestamp)
    if abs(age) > MAX_SIGNATURE_AGE.total_seconds():
        raise WebhookRefused(403, "The signature's timestamp is too old (or in the future).")
    try:
        payload = body.decode("utf-8")
    except UnicodeDecodeError as error:
        raise WebhookRefused(400, "The body is not UTF-8 text.") from error
    try:
        valid = verifier.verify_signature(payload, signature, timestamp)
    except (ValueError, binascii.Error):  # not base64, not a DER signature
        valid = False
    if not valid:
        raise WebhookRefused(403, "The signature does not match the body.")
    return payload


def parse_events(payload: str) -> list[object]:
    try:
        events = json.loads(payload)
    except ValueError as error:
        raise WebhookRefused(400, f"The body is not JSON: {error}.") from error
    if not isinstance(events, list):
        raise WebhookRefused(400, "The body must be a JSON array of SendGrid events.")
    return events


async def _body(request: Request) -> bytes:
    declared = request.headers.get("content-length", "")
    if declared.isascii() and declared.isdigit() and int(declared) > MAX_BODY:
        raise WebhookRefused(413, "The body is larger than any SendGrid batch.")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY:
            raise WebhookRefused(413, "The body is larger than any SendGrid batch.")
        chunks.append(chunk)
    return b"".join(chunks)


def _record(engine: Engine, batch: EventBatch, now: datetime) -> EventReport:
    with session_scope(engine) as db:
        return record_mail_events(db, batch, now=now)


def _answer(status_code: int, content: dict[str, object]) -> JSONResponse:
    return JSONResponse(content, status_code=status_code, headers={"Cache-Control": "no-store"})
