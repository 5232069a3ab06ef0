"""Reads the exact body the app posted on stdin and parses every event with the official
CloudEvents Python SDK (structured-mode HTTP binding, JSON format). argv[1], when given, is the
request's Content-Type: `application/cloudevents+json` (single-event mode: the body itself is
the structured message) or `application/cloudevents-batch+json` (a JSON array of events).
Exits non-zero if the SDK refuses any event or an attribute is not what StoreVoice promises."""
import json
import sys

from cloudevents.core.bindings.http import HTTPMessage, from_http
from cloudevents.core.formats.json import JSONFormat

content_type = sys.argv[1] if len(sys.argv) > 1 else "application/cloudevents-batch+json"
body = sys.stdin.read()
if content_type.startswith("application/cloudevents+json"):
    single = json.loads(body)
    assert isinstance(single, dict), "single-event mode posts one JSON object"
    messages = [(single, HTTPMessage(headers={"content-type": content_type}, body=body.encode()))]
else:
    batch = json.loads(body)
    assert isinstance(batch, list) and batch, "the body must be a non-empty JSON array (batch mode)"
    messages = [
        (raw, HTTPMessage(headers={"content-type": "application/cloudevents+json; charset=utf-8"}, body=json.dumps(raw).encode()))
        for raw in batch
    ]
for raw, message in messages:
    event = from_http(message, JSONFormat())
    attrs = event.get_attributes()
    assert attrs["specversion"] == "1.0", attrs
    assert attrs["id"] == raw["data"]["id"], attrs
    assert attrs["source"].startswith("/stores/"), attrs
    assert attrs["type"] == "storevoice.survey-response.v1", attrs
    assert attrs["time"].year >= 2020, attrs
    assert attrs.get("datacontenttype") == "application/json", attrs
    data = event.get_data()
    assert isinstance(data, dict) and data["kind"] == "survey-response", data
print(f"cloudevents SDK accepted {len(messages)} events")
