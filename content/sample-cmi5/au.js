// The sample cmi5 assignable unit (docs/CONTENT.md). It follows the cmi5 AU flow: read the
// launch parameters, fetch the auth token once, read LMS.LaunchData, send Initialized, then
// Passed (on a correct answer) and Terminated, each with the context template the LMS gave and
// the cmi5 category. No inline script: the content is served under a CSP that allows none.
"use strict";

(function () {
  var CMI5_CATEGORY = "https://w3id.org/xapi/cmi5/context/categories/cmi5";
  var MOVEON_CATEGORY = "https://w3id.org/xapi/cmi5/context/categories/moveon";
  var VERBS = {
    initialized: "http://adlnet.gov/expapi/verbs/initialized",
    passed: "http://adlnet.gov/expapi/verbs/passed",
    terminated: "http://adlnet.gov/expapi/verbs/terminated"
  };

  var TEXT = {
    en: {
      connecting: "Connecting…", ready: "Choose an answer, then press “Check my answer”.",
      right: "Correct: this unit is passed.",
      wrong: "Not quite. Read the question again and try once more.",
      done: "You have left this unit. You can close this page.", back: "Back to my courses",
      failed: "This unit could not reach the wallet: ", launch: "Open this unit from the wallet page to start it.",
      check: "Check my answer", exit: "Exit"
    },
    nl: {
      connecting: "Verbinden…", ready: "Kies een antwoord en druk op “Controleer mijn antwoord”.",
      right: "Goed: dit onderdeel is gehaald.",
      wrong: "Niet helemaal. Lees de vraag nog eens en probeer het opnieuw.",
      done: "Je hebt dit onderdeel verlaten. Je kunt deze pagina sluiten.", back: "Terug naar mijn cursussen",
      failed: "Dit onderdeel kon de wallet niet bereiken: ", launch: "Open dit onderdeel vanaf de walletpagina om te beginnen.",
      check: "Controleer mijn antwoord", exit: "Afsluiten"
    }
  };

  var UNITS = {
    "personal-hygiene": {
      title: { en: "Personal hygiene", nl: "Persoonlijke hygiëne" },
      question: { en: "You have had diarrhoea since last night. What do you do before your kitchen shift?",
                  nl: "Je hebt sinds gisteravond diarree. Wat doe je voor je dienst in de keuken?" },
      choices: [
        { en: "Wash my hands extra well and start work", nl: "Extra goed mijn handen wassen en beginnen" },
        { en: "Report it to my supervisor before starting work", nl: "Het melden bij mijn leidinggevende voordat ik begin" },
        { en: "Wear gloves all day", nl: "De hele dag handschoenen dragen" }
      ],
      answer: 1
    },
    "temperature-control": {
      title: { en: "Temperature control", nl: "Temperatuurbeheersing" },
      question: { en: "At what temperature must hot-held food be kept?",
                  nl: "Op welke temperatuur moet warm gehouden voedsel blijven?" },
      choices: [
        { en: "At or above 65 °C", nl: "Op of boven 65 °C" },
        { en: "At or above 45 °C", nl: "Op of boven 45 °C" },
        { en: "At or below 7 °C", nl: "Op of onder 7 °C" }
      ],
      answer: 0
    },
    "allergens": {
      title: { en: "Allergens", nl: "Allergenen" },
      question: { en: "How many allergens must be declared under EU Regulation 1169/2011?",
                  nl: "Hoeveel allergenen moeten volgens EU-verordening 1169/2011 worden vermeld?" },
      choices: [
        { en: "8", nl: "8" },
        { en: "10", nl: "10" },
        { en: "14", nl: "14" }
      ],
      answer: 2
    },
    "haccp-records": {
      title: { en: "HACCP records", nl: "HACCP-registratie" },
      question: { en: "A cooked chicken's core temperature reads 68 °C; the critical limit is 75 °C. What do you do?",
                  nl: "De kerntemperatuur van een gegaarde kip is 68 °C; de kritieke grens is 75 °C. Wat doe je?" },
      choices: [
        { en: "Serve it: 68 °C is hot enough", nl: "Serveren: 68 °C is warm genoeg" },
        { en: "Cook it further, measure again and write both readings and the action in the log",
          nl: "Verder garen, opnieuw meten en beide metingen en de maatregel in het logboek schrijven" },
        { en: "Write 75 °C in the log", nl: "75 °C in het logboek schrijven" }
      ],
      answer: 1
    }
  };

  var lang = (navigator.language || "en").toLowerCase().indexOf("nl") === 0 ? "nl" : "en";
  var t = TEXT[lang];
  var params = new URLSearchParams(window.location.search);
  var unit = UNITS[params.get("unit")] || UNITS["personal-hygiene"];
  var session = null;     // { endpoint, token, actor, registration, activityId, context }
  var startedAt = Date.now();
  var finished = false;

  function el(id) { return document.getElementById(id); }

  function say(text, isError) {
    el("status").textContent = text;
    el("status").className = isError ? "error" : "";
  }

  function xapiURL(resource, query) {
    var base = session.endpoint.replace(/\/?$/, "/");
    return base + resource + (query ? "?" + new URLSearchParams(query).toString() : "");
  }

  function xapi(method, resource, query, body) {
    var headers = {
      "Authorization": "Basic " + session.token,
      "X-Experience-API-Version": "1.0.3"
    };
    if (body !== undefined) { headers["Content-Type"] = "application/json"; }
    return fetch(xapiURL(resource, query), {
      method: method, headers: headers, credentials: "omit",
      body: body === undefined ? undefined : JSON.stringify(body)
    }).then(function (response) {
      if (!response.ok) { throw new Error(method + " " + resource + ": HTTP " + response.status); }
      return response.status === 204 ? null : response.json();
    });
  }

  // A copy of the LMS's context template with the registration and cmi5 categories added.
  function context(categories) {
    var ctx = JSON.parse(JSON.stringify(session.context || {}));
    ctx.registration = session.registration;
    ctx.contextActivities = ctx.contextActivities || {};
    var list = ctx.contextActivities.category || [];
    categories.forEach(function (id) {
      if (!list.some(function (a) { return a.id === id; })) { list.push({ id: id, objectType: "Activity" }); }
    });
    ctx.contextActivities.category = list;
    return ctx;
  }

  function duration() {
    return "PT" + Math.max(0, (Date.now() - startedAt) / 1000).toFixed(2) + "S";
  }

  function send(verb, result, categories) {
    var statement = {
      actor: session.actor,
      verb: { id: VERBS[verb], display: { "en-US": verb } },
      object: { id: session.activityId, objectType: "Activity" },
      context: context(categories),
      timestamp: new Date().toISOString()
    };
    if (result) { statement.result = result; }
    return xapi("POST", "statements", null, statement);
  }

  function start() {
    var fetchURL = params.get("fetch");
    var endpoint = params.get("endpoint");
    var actor = params.get("actor");
    var registration = params.get("registration");
    var activityId = params.get("activityId");
    if (!fetchURL || !endpoint || !actor || !registration || !activityId) {
      say(t.launch, true);
      return;
    }
    session = { endpoint: endpoint, actor: JSON.parse(actor), registration: registration, activityId: activityId };
    fetch(fetchURL, { method: "POST", credentials: "omit" })
      .then(function (response) { return response.json(); })
      .then(function (answer) {
        if (!answer["auth-token"]) { throw new Error(answer["error-text"] || "no auth-token"); }
        session.token = answer["auth-token"];
        return xapi("GET", "activities/state", {
          stateId: "LMS.LaunchData", activityId: activityId, agent: JSON.stringify(session.actor), registration: registration
        });
      })
      .then(function (launchData) {
        session.context = launchData.contextTemplate;
        session.returnURL = launchData.returnURL;
        return send("initialized", null, [CMI5_CATEGORY]);
      })
      .then(showQuestion)
      .catch(function (error) { say(t.failed + error.message, true); });
  }

  function showQuestion() {
    el("title").textContent = unit.title[lang];
    el("question").textContent = unit.question[lang];
    el("check").textContent = t.check;
    el("exit").textContent = t.exit;
    var choices = el("choices");
    unit.choices.forEach(function (choice, index) {
      var label = document.createElement("label");
      var input = document.createElement("input");
      input.type = "radio";
      input.name = "answer";
      input.value = String(index);
      input.required = true;
      label.appendChild(input);
      label.appendChild(document.createTextNode(" " + choice[lang]));
      choices.appendChild(label);
    });
    el("quiz").hidden = false;
    el("exit").hidden = false;
    say(t.ready);
    var first = choices.querySelector("input");
    if (first) { first.focus(); }
  }

  function check(event) {
    event.preventDefault();
    var chosen = el("quiz").querySelector("input[name=answer]:checked");
    if (!chosen) { return; }
    if (Number(chosen.value) !== unit.answer) {
      say(t.wrong, true);
      return;
    }
    el("check").disabled = true;
    // The one question answered right is a scaled score of 1: at or above any mastery score.
    send("passed", { success: true, score: { scaled: 1 }, duration: duration() }, [CMI5_CATEGORY, MOVEON_CATEGORY])
      .then(function () { say(t.right); return terminate(); })
      .then(offerReturn)
      .catch(function (error) { el("check").disabled = false; say(t.failed + error.message, true); });
  }

  function terminate() {
    if (finished || !session || !session.token) { return Promise.resolve(); }
    finished = true;
    return send("terminated", { duration: duration() }, [CMI5_CATEGORY]).then(function () {
      el("quiz").hidden = true;
      el("exit").hidden = true;
    });
  }

  // With a returnURL in LMS.LaunchData, the AU goes there when it is done; the learner presses
  // the button, since a page that moves on by itself would cut the message short.
  function offerReturn() {
    if (!session || !session.returnURL) { return; }
    var back = el("back");
    back.textContent = t.back;
    back.hidden = false;
    back.focus();
  }

  function goBack() {
    window.location.assign(session.returnURL);
  }

  document.addEventListener("DOMContentLoaded", function () {
    say(t.connecting);
    document.documentElement.lang = lang;
    el("quiz").addEventListener("submit", check);
    el("exit").addEventListener("click", function () {
      terminate().then(function () {
        if (session && session.returnURL) { goBack(); } else { say(t.done); }
      }).catch(function (error) { say(t.failed + error.message, true); });
    });
    el("back").addEventListener("click", function () {
      terminate().then(goBack).catch(function (error) { say(t.failed + error.message, true); });
    });
    start();
  });
})();
