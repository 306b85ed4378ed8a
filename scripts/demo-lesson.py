#!/usr/bin/env python3
"""A learner takes one lesson on the wallet page, for the demo without a browser:
    scripts/demo-lesson.py URL LEARNER_ID PIN "LESSON TITLE"
It does what the browser and the sample unit's au.js (content/sample-cmi5) do, over HTTP on
walletd's loopback listener: open the PIN page, log in, press "Start: LESSON TITLE" on the
courses page (walletd makes the cmi5 launch and sends the browser to the unit), take the auth
token from the one-time fetch URL, read LMS.LaunchData, send initialized, passed (the right
answer) and terminated to /xapi/ with that token, and follow the return URL back to the courses.
Prints each step; exit status 1 with the reason when a step fails. Python's standard library only.
"""
import http.cookiejar
import json
import re
import sys
import urllib.parse
import urllib.request
from datetime import datetime, timezone

CMI5_CATEGORY = "https://w3id.org/xapi/cmi5/context/categories/cmi5"
MOVEON_CATEGORY = "https://w3id.org/xapi/cmi5/context/categories/moveon"
VERBS = {
    "initialized": "http://adlnet.gov/expapi/verbs/initialized",
    "passed": "http://adlnet.gov/expapi/verbs/passed",
    "terminated": "http://adlnet.gov/expapi/verbs/terminated",
}


class Browser:
    def __init__(self, base):
        self.base = base.rstrip("/")
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))

    def open(self, url, form=None, headers=None, body=None, method=None):
        if form is not None:
            body = urllib.parse.urlencode(form).encode()
            headers = dict(headers or {}, **{"Content-Type": "application/x-www-form-urlencoded"})
        request = urllib.request.Request(url if url.startswith("http") else self.base + url, data=body,
                                         headers=headers or {}, method=method)
        with self.opener.open(request, timeout=30) as response:
            return response.geturl(), response.read().decode("utf-8")


def form_token(page):
    found = re.search(r'name="form_token" value="([^"]+)"', page)
    if not found:
        raise SystemExit("no form on the page: " + page[:300])
    return found.group(1)


def main():
    if len(sys.argv) != 5:
        raise SystemExit(__doc__)
    base, learner, pin, title = sys.argv[1:]
    browser = Browser(base)

    _, page = browser.open("/login?learner=" + urllib.parse.quote(learner))
    _, page = browser.open("/login", form={"form_token": form_token(page), "learner": learner, "pin": pin})
    if "Your courses" not in page:
        raise SystemExit("the login did not open the courses page")
    print("logged in on the wallet page")

    start = re.search(r'<input type="hidden" name="unit" value="([^"]+)"><button type="submit">Start: '
                      + re.escape(title) + "</button>", page)
    if not start:
        raise SystemExit(f"the courses page offers no lesson {title!r}: import the package first (wallet-cli content import)")
    unit = start.group(1).replace("&amp;", "&")
    launch_url, _ = browser.open("/courses/launch", form={"form_token": form_token(page), "unit": unit})
    query = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(launch_url).query))
    print("walletd launched the unit:", launch_url.split("?")[0])

    # au.js from here on: the unit's calls carry its launch token, never the page's cookie.
    token = json.loads(urllib.request.urlopen(urllib.request.Request(query["fetch"], data=b"", method="POST"), timeout=30).read())
    if "auth-token" not in token:
        raise SystemExit("the fetch URL gave no token: " + json.dumps(token))
    endpoint = query["endpoint"].rstrip("/") + "/"
    headers = {"Authorization": "Basic " + token["auth-token"], "X-Experience-API-Version": "1.0.3"}
    actor = json.loads(query["actor"])

    def xapi(method, resource, params=None, body=None):
        url = endpoint + resource + ("?" + urllib.parse.urlencode(params) if params else "")
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(url, data=data, method=method,
                                         headers=dict(headers, **({"Content-Type": "application/json"} if data else {})))
        with urllib.request.urlopen(request, timeout=30) as response:
            text = response.read().decode()
            return json.loads(text) if text else None

    launch_data = xapi("GET", "activities/state", {"stateId": "LMS.LaunchData", "activityId": query["activityId"],
                                                   "agent": json.dumps(actor), "registration": query["registration"]})

    def send(verb, result=None, categories=(CMI5_CATEGORY,)):
        context = json.loads(json.dumps(launch_data.get("contextTemplate", {})))
        context["registration"] = query["registration"]
        activities = context.setdefault("contextActivities", {})
        activities["category"] = activities.get("category", []) + [{"id": c, "objectType": "Activity"} for c in categories]
        statement = {"actor": actor, "verb": {"id": VERBS[verb], "display": {"en-US": verb}},
                     "object": {"id": query["activityId"], "objectType": "Activity"}, "context": context,
                     "timestamp": datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")}
        if result:
            statement["result"] = result
        xapi("POST", "statements", body=statement)
        print(f"the unit sent {verb}")

    send("initialized")
    send("passed", {"success": True, "score": {"scaled": 1}, "duration": "PT42S"}, (CMI5_CATEGORY, MOVEON_CATEGORY))
    send("terminated", {"duration": "PT45S"})

    # The return page moves on with a refresh (a browser's own step on the wallet's site).
    _, page = browser.open(launch_data["returnURL"])
    refresh = re.search(r'http-equiv="refresh" content="0; url=([^"]+)"', page)
    _, page = browser.open(refresh.group(1) if refresh else "/courses")
    card = page[:page.find("Start: " + title)]
    card = card[card.rfind("<section"):]
    progress = re.search(r"\d+ of \d+ learning outcomes done", card)
    print("back on the courses page:", "welcome back," if "Welcome back" in page else "", progress.group(0) if progress else "")

if __name__ == "__main__":
    main()
