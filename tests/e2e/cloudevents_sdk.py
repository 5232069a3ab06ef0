"""Reads a CloudEvents batch (the exact body the app posted) on stdin and parses every event
with the official CloudEvents Python SDK (structured-mode HTTP binding, JSON format).
Exits non-zero if the SDK refuses any event or an attribute is not what StoreVoice promises."""
import json
import sys

from cloudevents.core.bindings.http import HTTPMessage, from_http
from cloudevents.core.formats.json import JSONFormat

batch = json.loads(sys.stdin.read())
assert isinstance(batch, list) and batch, "the body must be a non-empty JSON array (batch mode)"
for raw in batch:
    message = HTTPMessage(
        headers={"content-type": "application/cloudevents+json; charset=utf-8"},
        body=json.dumps(raw).encode(),
    )
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
print(f"cloudevents SDK accepted {len(batch)} events")
