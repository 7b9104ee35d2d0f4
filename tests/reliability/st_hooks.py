"""schemathesis hooks for api_fuzz.sh: send the API's two non-JSON bodies as text.

`POST /api/v1/ladder/audit` takes `application/toml` and `POST /api/v1/calendar/analyze` takes
`text/calendar`; schemathesis has no serializer for either and would skip those operations.
Strings go as UTF-8; any other generated value goes as its JSON text, which the server must
refuse cleanly as bad TOML or a bad calendar.
"""

import json

import schemathesis


def _as_text(ctx, value):
    if isinstance(value, bytes):
        return value
    if isinstance(value, str):
        return value.encode("utf-8", "surrogatepass")
    return json.dumps(value).encode("utf-8")


schemathesis.serializer("application/toml")(_as_text)
schemathesis.serializer("text/calendar")(_as_text)
