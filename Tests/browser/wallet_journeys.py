#!/usr/bin/env python3
"""The learner's journeys through the wallet page in a real browser (Debian's chromium, driven by
Selenium through Debian's chromedriver; nothing is downloaded). Started by
Tests/IntegrationTests/BrowserJourneyTests.swift with a real walletd (enrolled with a real
repositoryd that holds the sample catalog) and the real wallet-cli.

Journeys: a new learner (PINs that differ, then right), a wrong PIN, a login, the courses with
progress; the course's four lessons started from the courses page (the imported sample cmi5
package, served sandboxed, reporting to walletd's loopback /xapi/): one left unfinished, one
answered wrong then right, each pass shown as progress; sync, the credential the passes earned,
its details, its export (the JSON file, checked with `wallet-cli verify`) and its printable page,
the language switch to Dutch, logout; a second learner sees none of the first's data; a forged
form from another origin and a foreign Host (DNS rebinding) are refused.

Exit status 0 when every journey passed; otherwise the first failure is printed.
"""
import argparse
import os
import subprocess
import sys
import tempfile
import time
import traceback

from selenium import webdriver
from selenium.common.exceptions import TimeoutException, WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

FOOD = "https://catalog.vet-centre.example/courses/food-hygiene-haccp"
# The sample package's lessons (content/sample-cmi5): each outcome's title and right answer.
LESSONS = [
    ("personal-hygiene", "Personal hygiene", "Report it to my supervisor before starting work"),
    ("temperature-control", "Temperature control", "At or above 65 °C"),
    ("allergens", "Allergens", "14"),
    ("haccp-records", "HACCP records", "Cook it further, measure again and write both readings and the action in the log"),
]


def replaced(old):
    """A wait condition: the page that held `old` is gone. Selenium's own `staleness_of` knows only
    the stale-element error; chromedriver may instead answer "Node with given id does not belong
    to the document" while the new page replaces the old one, which means the same."""
    def check(_driver):
        try:
            old.is_enabled()
            return False
        except WebDriverException:
            return True
    return check


def browser(args, downloads, size="1200,900", extra=()):
    options = webdriver.ChromeOptions()
    options.binary_location = args.chromium
    for flag in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", f"--window-size={size}", *extra,
                 "--lang=en-GB", "--disable-gpu",
                 # DNS rebinding, simulated: a foreign name that resolves to this PC.
                 "--host-resolver-rules=MAP rebind.example 127.0.0.1"]:
        options.add_argument(flag)
    options.add_experimental_option("prefs", {
        "download.default_directory": downloads,
        "download.prompt_for_download": False,
        "intl.accept_languages": "en-GB,en",
    })
    driver = webdriver.Chrome(service=Service(args.chromedriver), options=options)
    driver.set_page_load_timeout(30)
    return driver


class Journey:
    def __init__(self, args):
        self.args = args
        self.url = args.url.rstrip("/")
        self.port = self.url.rsplit(":", 1)[1]
        self.downloads = tempfile.mkdtemp(prefix="wallet-downloads-")
        self.driver = browser(args, self.downloads)
        # A condition that reads the page while it is being replaced can meet a stale element: that
        # is "not yet", and a real problem still ends in the timeout, which says where.
        self.wait = WebDriverWait(self.driver, 15, ignored_exceptions=(WebDriverException,))

    # -- helpers ---------------------------------------------------------------------------

    def go(self, path):
        self.driver.get(self.url + path)

    def h1(self):
        return self.driver.find_element(By.TAG_NAME, "h1").text

    def main_text(self):
        return self.driver.find_element(By.TAG_NAME, "main").text

    def field(self, label_text):
        """The input a visible label names: forms are usable by their labels."""
        for label in self.driver.find_elements(By.TAG_NAME, "label"):
            if label.text.strip() == label_text:
                return self.driver.find_element(By.ID, label.get_attribute("for"))
        raise AssertionError(f"no field labelled {label_text!r} on {self.driver.current_url}")

    def button(self, text):
        for b in self.driver.find_elements(By.TAG_NAME, "button"):
            if b.text.strip() == text:
                return b
        raise AssertionError(f"no button {text!r} on {self.driver.current_url}: {[b.text for b in self.driver.find_elements(By.TAG_NAME, 'button')]}")

    def click_and_wait(self, element):
        old = self.driver.find_element(By.TAG_NAME, "html")
        element.click()
        self.wait.until(replaced(old))

    def shot(self, name):
        if self.args.screenshots:
            os.makedirs(self.args.screenshots, exist_ok=True)
            self.driver.save_screenshot(os.path.join(self.args.screenshots, name + ".png"))

    def expect(self, condition, message):
        if not condition:
            raise AssertionError(message + f" (at {self.driver.current_url})\n--- page ---\n" + self.main_text()[:2000])

    # -- journeys --------------------------------------------------------------------------

    def new_learner(self, name, pin):
        self.go("/")
        self.shot("profiles-empty")
        self.click_and_wait(self.driver.find_element(By.LINK_TEXT, "I am new here"))
        self.expect(self.h1() == "New learner", "the new-learner page opens")
        self.field("Your name").send_keys(name)
        self.field("Choose a PIN").send_keys(pin)
        self.field("The same PIN again").send_keys(pin + "9")
        self.click_and_wait(self.button("Make my wallet"))
        self.expect("The two PINs are not the same" in self.main_text(), "PINs that differ are refused in words")
        self.expect(self.field("Your name").get_attribute("value") == name, "the name is kept")
        self.field("Choose a PIN").send_keys(pin)
        self.field("The same PIN again").send_keys(pin)
        self.shot("new-learner")
        self.click_and_wait(self.button("Make my wallet"))
        self.expect("Your wallet is ready" in self.main_text(), "the learner is made")

    def login(self, name, pin, wrong_first=False):
        self.go("/")
        self.click_and_wait(self.driver.find_element(By.LINK_TEXT, name))
        self.expect(self.h1() == f"Hello {name}", "the PIN page greets the learner")
        if wrong_first:
            self.field("PIN").send_keys("000000")
            self.click_and_wait(self.button("Open my wallet"))
            self.expect("That PIN is not right" in self.main_text(), "a wrong PIN is refused in words")
            self.shot("wrong-pin")
        self.field("PIN").send_keys(pin)
        self.click_and_wait(self.button("Open my wallet"))
        self.expect(self.h1() == "Your courses", "a right PIN opens the courses")
        self.expect(f"Signed in as {name}" in self.driver.page_source, "the header names who is logged in")

    def logout(self):
        self.click_and_wait(self.button("Log out"))
        self.expect("You are logged out" in self.main_text(), "logout says so")
        self.go("/courses")
        self.expect(self.h1() == "Who is learning?", "after logout the courses need a login again")

    def course_card(self):
        for section in self.driver.find_elements(By.CSS_SELECTOR, "section.card"):
            if "Food hygiene" in section.text or "HACCP" in section.text:
                return section
        raise AssertionError("the food hygiene course is not on the courses page:\n" + self.main_text())

    def start_lesson(self, title):
        card = self.course_card()
        buttons = [b for b in card.find_elements(By.TAG_NAME, "button") if b.text.strip() == f"Start: {title}"]
        self.expect(buttons, f"the courses page offers the lesson {title!r}")
        self.click_and_wait(buttons[0])
        # The unit runs in the browser: it fetches its token, reads its launch data, says initialized.
        try:
            WebDriverWait(self.driver, 20, ignored_exceptions=(WebDriverException,)).until(lambda d: d.find_element(By.ID, "quiz").is_displayed()
                                                 or "error" == d.find_element(By.ID, "status").get_attribute("class"))
        except TimeoutException:
            pass
        self.expect(self.driver.find_element(By.ID, "quiz").is_displayed(),
                    f"the lesson {title!r} reached walletd: " + self.driver.find_element(By.ID, "status").text)
        self.expect(self.h1() == title, f"the lesson is {title!r}: " + self.h1())

    def answer(self, text):
        for label in self.driver.find_elements(By.CSS_SELECTOR, "#choices label"):
            if label.text.strip() == text:
                label.find_element(By.TAG_NAME, "input").click()
                self.driver.find_element(By.ID, "check").click()
                return
        raise AssertionError(f"no answer {text!r} in the lesson")

    def back_to_courses(self, button_id):
        button = self.driver.find_element(By.ID, button_id)
        self.wait.until(EC.visibility_of(button))
        self.click_and_wait(button)
        self.wait.until(lambda d: d.find_element(By.TAG_NAME, "h1").text == "Your courses")
        self.expect("Welcome back" in self.main_text(), "the courses page greets the learner back from the lesson")

    def pass_lessons(self):
        """The learner passes the course from the page alone: each lesson is a cmi5 unit of the
        imported sample package, launched by walletd and reporting to its loopback /xapi/."""
        first_outcome, first_title, first_answer = LESSONS[0]
        # Started and left: walletd records the launch, the unit says terminated, nothing is passed.
        self.start_lesson(first_title)
        self.shot("lesson")
        self.back_to_courses("exit")
        self.expect("0 of 4 learning outcomes done" in self.course_card().text, "a lesson left unanswered passes nothing")
        for index, (outcome, title, right) in enumerate(LESSONS):
            self.start_lesson(title)
            if index == 0:
                wrong = [l.text.strip() for l in self.driver.find_elements(By.CSS_SELECTOR, "#choices label") if l.text.strip() != right][0]
                self.answer(wrong)
                self.wait.until(lambda d: "Not quite" in d.find_element(By.ID, "status").text)
            self.answer(right)
            self.wait.until(lambda d: "Correct" in d.find_element(By.ID, "status").text)
            if index == 0:
                self.shot("lesson-passed")
            self.back_to_courses("back")
            card = self.course_card()
            self.expect(f"{index + 1} of 4 learning outcomes done" in card.text, f"progress counts the lesson {title!r}: " + card.text)

    def sync_until_credential(self):
        deadline = time.time() + 60
        while time.time() < deadline:
            self.go("/sync")
            self.click_and_wait(self.button("Sync now"))
            self.expect("Sync started" in self.main_text(), "sync now says it started")
            time.sleep(1.5)
            self.go("/credentials")
            if self.driver.find_elements(By.CSS_SELECTOR, "section.card h2 a"):
                return
        raise AssertionError("no credential arrived within 60 s of syncing:\n" + self.main_text())

    def progress_and_credential(self, name, pin):
        self.go("/courses")
        card = self.course_card()
        self.expect("0 of 4 learning outcomes done" in card.text, "progress starts at 0 of 4: " + card.text)
        self.driver.execute_script("arguments[0].scrollIntoView()", card)
        self.shot("courses-lessons")
        self.pass_lessons()
        self.go("/courses")
        card = self.course_card()
        self.expect("4 of 4 learning outcomes done" in card.text, "progress shows every outcome passed: " + card.text)
        self.driver.execute_script("arguments[0].scrollIntoView()", card)
        self.shot("courses")
        self.sync_until_credential()
        self.go("/sync")
        self.expect("Last synced" in self.main_text(), "sync status in words: " + self.main_text())
        self.expect("Everything you did is sent." in self.main_text(), "nothing waits after a sync: " + self.main_text())
        self.shot("sync")
        self.go("/credentials")
        self.shot("credentials")
        self.click_and_wait(self.driver.find_element(By.CSS_SELECTOR, "section.card h2 a"))
        self.expect("Status" in self.main_text() and "valid" in self.main_text(), "the details say the status")
        self.expect(name in self.main_text(), "the details name the learner")
        self.shot("credential")
        detail_url = self.driver.current_url
        before = set(os.listdir(self.downloads))
        self.button("Download the file (JSON)").click()
        deadline = time.time() + 20
        new = []
        while time.time() < deadline:
            new = [f for f in set(os.listdir(self.downloads)) - before if f.endswith(".json") and not f.startswith("session-")]
            if new:
                break
            time.sleep(0.2)
        self.expect(new, "the JSON export downloads")
        exported = os.path.join(self.downloads, new[0])
        verdict = subprocess.run([self.args.cli, "verify", exported, "--trust-anchor", self.args.trust_anchor],
                                 capture_output=True, text=True, timeout=60)
        self.expect(verdict.returncode == 0, "wallet-cli verify accepts the downloaded file: " + verdict.stdout + verdict.stderr)
        self.driver.get(detail_url)
        self.click_and_wait(self.button("Open the printable page with its QR code"))
        self.expect(self.driver.find_elements(By.TAG_NAME, "svg"), "the printable page has its QR code")
        self.expect("Micro-credentials" in self.h1(), "the printable page is the export page: " + self.h1())
        self.shot("export-page")

    def dutch(self):
        self.go("/courses")
        select = self.field("Language")
        select.find_element(By.CSS_SELECTOR, "option[value=nl]").click()
        self.click_and_wait(self.button("Change"))
        self.expect(self.h1() == "Je cursussen", "the page speaks Dutch after the switch: " + self.h1())
        self.expect(self.driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "nl", "html lang follows")
        self.shot("courses-nl")
        select = self.field("Taal")
        select.find_element(By.CSS_SELECTOR, "option[value=en]").click()
        self.click_and_wait(self.button("Wijzigen"))
        self.expect(self.h1() == "Your courses", "and back to English")

    def second_learner_sees_nothing(self, first, second, pin):
        self.new_learner(second, pin)
        self.login(second, pin)
        for path in ["/courses", "/credentials", "/sync"]:
            self.go(path)
            text = self.driver.page_source
            self.expect(first not in text.replace(f">{first}<", ""), f"{path} of {second} shows nothing of {first}")
        self.go("/credentials")
        self.expect("No credentials yet" in self.main_text(), f"{second} has no credentials")
        self.logout()

    def forged_form_is_refused(self, name, pin):
        """A page of another origin posts a form to the wallet: the strict cookie is not sent and
        there is no token, so nothing happens."""
        self.login(name, pin)
        forged = os.path.join(self.downloads, "forged.html")
        with open(forged, "w") as f:
            f.write(f'<!DOCTYPE html><form id="f" method="post" action="{self.url}/logout"><input name="x" value="1"></form>'
                    f'<button id="go" onclick="document.getElementById(\'f\').submit()">go</button>')
        self.driver.get("file://" + forged)
        old = self.driver.find_element(By.TAG_NAME, "html")
        self.driver.find_element(By.ID, "go").click()
        self.wait.until(replaced(old))
        self.expect("This form has expired" in self.driver.page_source, "a forged form is refused")
        self.go("/courses")
        self.expect(self.h1() == "Your courses", "the learner is still logged in: the forged logout did nothing")
        self.logout()

    def keyboard_at_200_percent(self, name, pin):
        """A learner who uses the keyboard only, with the page zoomed to 200 %: a second browser
        on the same 1200 × 900 screen whose CSS pixels are two pixels wide (a viewport of 600 × 450
        CSS pixels at device scale factor 2, which is what a 200 % zoom gives)."""
        zoomed = browser(self.args, self.downloads, size="600,450", extra=["--force-device-scale-factor=2"])
        try:
            zoomed.get(self.url + "/")
            wait = WebDriverWait(zoomed, 15, ignored_exceptions=(WebDriverException,))
            # Tab from the top: the skip link, the language choice, then the profiles in order.
            target = None
            for _ in range(12):
                ActionChains(zoomed).send_keys(Keys.TAB).perform()
                active = zoomed.switch_to.active_element
                if active.tag_name == "a" and active.text.strip() == name:
                    target = active
                    break
            self.expect(target is not None, f"{name}'s profile is reachable with Tab")
            old = zoomed.find_element(By.TAG_NAME, "html")
            target.send_keys(Keys.ENTER)
            wait.until(replaced(old))
            pin_field = zoomed.switch_to.active_element
            self.expect(pin_field.get_attribute("id") == "pin", "the PIN field has the focus on the PIN page")
            old = zoomed.find_element(By.TAG_NAME, "html")
            pin_field.send_keys(pin + Keys.ENTER)
            wait.until(replaced(old))
            self.expect(zoomed.find_element(By.TAG_NAME, "h1").text == "Your courses", "Enter in the PIN field logs in")
            for path in ["/courses", "/credentials", "/sync"]:
                zoomed.get(self.url + path)
                overflow = zoomed.execute_script("return document.documentElement.scrollWidth - window.innerWidth")
                self.expect(overflow <= 0, f"{path} at 200 % needs no sideways scrolling ({overflow} CSS pixels too wide)")
            if self.args.screenshots:
                zoomed.get(self.url + "/courses")
                zoomed.save_screenshot(os.path.join(self.args.screenshots, "courses-200-percent.png"))
            old = zoomed.find_element(By.TAG_NAME, "html")
            [b for b in zoomed.find_elements(By.TAG_NAME, "button") if b.text.strip() == "Log out"][0].send_keys(Keys.ENTER)
            wait.until(replaced(old))
        finally:
            zoomed.quit()

    def foreign_host_is_refused(self):
        self.driver.get(f"http://rebind.example:{self.port}/")
        self.expect("This wallet answers only at" in self.driver.page_source, "a foreign Host is refused")
        self.expect("Who is learning" not in self.driver.page_source, "no page is served to a foreign Host")

    def run(self):
        steps = [
            ("new learner", lambda: self.new_learner("Ana Horvat", "2468-ana")),
            ("wrong PIN, then login", lambda: self.login("Ana Horvat", "2468-ana", wrong_first=True)),
            ("lessons, progress, sync, credential, export and print page", lambda: self.progress_and_credential("Ana Horvat", "2468-ana")),
            ("Dutch", self.dutch),
            ("logout", self.logout),
            ("a second learner sees none of the first one's data", lambda: self.second_learner_sees_nothing("Ana Horvat", "Bo Berger", "1357-bo")),
            ("a forged form is refused", lambda: self.forged_form_is_refused("Ana Horvat", "2468-ana")),
            ("a foreign Host is refused", self.foreign_host_is_refused),
            ("keyboard only, at 200 % zoom", lambda: self.keyboard_at_200_percent("Ana Horvat", "2468-ana")),
        ]
        try:
            for name, step in steps:
                try:
                    step()
                except WebDriverException as problem:
                    # Selenium's errors say nothing of where: say the step, the line and the page.
                    # The journey's own lines: Selenium's frames say nothing of which step.
                    where = "".join(traceback.format_list([f for f in traceback.extract_tb(problem.__traceback__)
                                                           if f.filename == __file__]))
                    raise AssertionError(f"{name}: {type(problem).__name__} ({problem.msg or 'no message'}) at {self.driver.current_url}\n"
                                         f"{where}--- page ---\n" + self.driver.find_element(By.TAG_NAME, "body").text[:2000]) from problem
                print("ok:", name, flush=True)
        finally:
            self.driver.quit()


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--url", required=True)
    parser.add_argument("--cli", required=True)
    parser.add_argument("--socket", required=True)
    parser.add_argument("--trust-anchor", required=True)
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    parser.add_argument("--chromedriver", default="/usr/bin/chromedriver")
    parser.add_argument("--screenshots")
    args = parser.parse_args()
    for tool in (args.chromium, args.chromedriver):
        if not os.access(tool, os.X_OK):
            sys.exit(f"no {tool}: run scripts/install-system-deps.sh --browser (make test does)")
    try:
        Journey(args).run()
    except (AssertionError, WebDriverException) as failure:
        print("FAILED:", failure, file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
