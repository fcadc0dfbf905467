#!/usr/bin/env python3
"""Writes the fictional fixture families in Fixtures/families/ as Signpost family documents.

The families are described compactly below and expanded here, so they stay
easy to read and change. Every name, street and postcode is invented: streets
are on "Imaginary", "Nowhere" and "Makebelieve" roads and every postcode ends
in ZZ, which no real London postcode does. Every id starts with ZZ- (the
fictional namespace: a live store refuses such ids). Run it from anywhere:

    python3 Fixtures/tools/make_fixtures.py

The output is deterministic: the same script writes the same files.
"""
import json
import os
import random

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "families")
TODAY = (2026, 11, 23)
rng = random.Random(20261123)

STREETS = ["Imaginary Row", "Nowhere Lane", "Makebelieve Road", "Pretend Place", "Fable Street", "Riddle Mews",
           "Daydream Terrace", "Whimsy Court", "Moonbeam Walk", "Fiddlesticks Yard"]
POSTCODES = {"north": ["N19 4ZZ", "N7 0ZZ", "N19 3ZZ", "N7 8ZZ"], "central": ["N1 1ZZ", "N5 2ZZ", "N1 7ZZ"],
             "south": ["EC1V 9ZZ", "EC1R 0ZZ", "N1 0ZZ"], "out-of-borough": ["NW5 9ZZ", "E8 9ZZ"]}
WORKERS = [
    {"name": "Priya Inventwell", "role": "Family practitioner", "organisation": "Bright Start North",
     "phone": "020 7946 0101", "email": "p.inventwell@example.org"},
    {"name": "Tomasz Notreal", "role": "Family support worker", "organisation": "Bright Futures Central",
     "phone": "020 7946 0102", "email": "t.notreal@example.org"},
    {"name": "Grace Fablemore", "role": "Early help coordinator", "organisation": "Fairer Together Hub South",
     "phone": "020 7946 0103", "email": "g.fablemore@example.org"},
    {"name": "Dev Storybrook", "role": "Youth worker", "organisation": "Targeted Youth Support",
     "phone": "020 7946 0104", "email": "d.storybrook@example.org"},
]
TEAM = [
    {"name": "Nadia Pretendia", "role": "Health visitor", "organisation": "Whittington Health (fictional team)",
     "phone": "020 7946 0201", "email": ""},
    {"name": "Mr Oddsock", "role": "Designated safeguarding lead", "organisation": "Hornbeam Imaginary Primary",
     "phone": "020 7946 0202", "email": ""},
    {"name": "Dr Ima Madeup", "role": "GP", "organisation": "Nowhere Lane Surgery", "phone": "020 7946 0203", "email": ""},
    {"name": "Sol Fictio", "role": "SENCO", "organisation": "Daydream Academy", "phone": "020 7946 0204", "email": ""},
]
CALLERS = [
    ("Ms Hornbeam", "Hornbeam Imaginary Primary", "class teacher", "school", "school"),
    ("Nadia Pretendia", "Health visiting", "health visitor", "health", "health-visitor"),
    ("PC Makepiece", "Metropolitan Police (fictional)", "police officer", "police", "police"),
    ("Auntie Bramble", "", "aunt", "individual", "self"),
    ("Neighbour (did not give name)", "", "neighbour", "anonymous", "csct"),
    ("Dr Ima Madeup", "Nowhere Lane Surgery", "GP", "health", "gp"),
    ("Kit Lanternjaw", "Moonbeam Children's Centre", "centre worker", "early-help", "children-centre"),
]
WORKER_NAMES = ["a.rehearsal", "b.pretend", "c.example", "d.sample"]


def iso_date(y, m, d):
    return f"{y:04d}-{m:02d}-{d:02d}"


def years_ago(years, month=None, day=None):
    y, m, d = TODAY
    month = month or rng.randint(1, 12)
    day = day or rng.randint(1, 28)
    year = y - years
    # Never a date after TODAY (a baby "aged 0" drawn for December): six months earlier instead.
    if (year, month, day) > TODAY:
        month -= 6
        if month < 1:
            month += 12
            year -= 1
    return iso_date(year, month, day)


def stamp(y, m, d, hh=10, mm=0):
    return f"{y:04d}-{m:02d}-{d:02d}T{hh:02d}:{mm:02d}:00Z"


def random_stamp(start_year=2023):
    y = rng.randint(start_year, 2026)
    m = rng.randint(1, 10 if y == 2026 else 12)
    return stamp(y, m, rng.randint(1, 28), rng.randint(8, 17), rng.choice([0, 15, 30, 45]))


class Builder:
    def __init__(self, number, name, locality, story):
        self.number = number
        self.fid = f"ZZ-F-{number:04d}"
        self.person_count = 0
        self.record_count = 0
        self.family = {
            "id": self.fid, "name": name,
            "address": {"lines": [f"{rng.randint(1, 120)} {rng.choice(STREETS)}", "Islington (fictional)"],
                        "postcode": rng.choice(POSTCODES[locality])},
            "locality": locality, "languages": ["English"], "interpreterNeeded": False, "accessNotes": "",
            "members": [], "relationships": [], "teamAroundFamily": [], "episodes": [], "contacts": [],
            "referrals": [], "notes": [], "consents": [], "assessments": [],
            "createdAt": stamp(2023, rng.randint(1, 12), rng.randint(1, 28), 9, 0),
        }
        self.story = story

    def rid(self, prefix):
        self.record_count += 1
        return f"ZZ-{prefix}-{self.number:04d}-{self.record_count}"

    def person(self, given, role, age=None, gender="not-known", family_name=None, aka=(), level_history=(),
               send=None, language="English", ethnicity=None, due=None, phone="", pr=None):
        self.person_count += 1
        pid = f"ZZ-P-{self.number:04d}-{self.person_count}"
        person = {
            "id": pid, "role": role, "givenName": given, "familyName": family_name or self.family["name"],
            "alsoKnownAs": list(aka), "gender": gender, "firstLanguage": language,
            "needs": {"hasSEND": False, "hasEHCPlan": False, "hasDisability": False, "details": ""},
            "hasParentalResponsibility": pr if pr is not None else role == "parent-carer", "phone": phone,
            "levelHistory": [],
        }
        if ethnicity:
            person["ethnicity"] = ethnicity
        if role == "unborn":
            person["expectedDeliveryDate"] = due
        elif age is not None:
            person["dateOfBirth"] = years_ago(age)
        if send:
            person["needs"] = {"hasSEND": "send" in send, "hasEHCPlan": "ehcp" in send,
                               "hasDisability": "disability" in send, "details": send["details"]}
        for entry in level_history:
            self.level(person, *entry)
        self.family["members"].append(person)
        return pid

    def level(self, person, level, reason, when=None, suggested=None, indicators=()):
        entry = {"level": level, "setBy": rng.choice(WORKER_NAMES), "setAt": when or random_stamp(),
                 "reason": reason, "indicators": list(indicators)}
        # No level is recorded before the person was born: a level drawn earlier is recorded on their birthday.
        born = person.get("dateOfBirth")
        if born and person["role"] != "unborn" and entry["setAt"][:10] < born:
            entry["setAt"] = f"{born}T10:00:00Z"
        if suggested is not None:
            entry["suggestedLevel"] = suggested
        person["levelHistory"].append(entry)
        person["levelHistory"].sort(key=lambda e: e["setAt"])

    def relate(self, a, kind, b):
        self.family["relationships"].append({"from": a, "kind": kind, "to": b})

    def episode(self, service, opened, closed=None, reason=None):
        episode = {"id": self.rid("E"), "service": service, "openedOn": opened}
        if closed:
            episode["closedOn"] = closed
            episode["closureReason"] = reason
        self.family["episodes"].append(episode)

    def contact(self, about, words, concerns, outcome, reason="", when=None, caller=None):
        name, agency, relation, source, door = caller or rng.choice(CALLERS)
        contact = {"id": self.rid("C"), "receivedAt": when or random_stamp(),
                   "caller": {"name": name, "agency": agency, "relationship": relation, "phone": "020 7946 0999"},
                   "source": source, "door": door, "about": about, "concernInCallersWords": words,
                   "concerns": concerns, "outcome": outcome, "outcomeReason": reason,
                   "recordedBy": rng.choice(WORKER_NAMES)}
        self.family["contacts"].append(contact)
        return contact["id"]

    def referral(self, service, people, consent, urgency, status, reason, contact=None, when=None):
        referral = {"id": self.rid("R"), "service": service, "people": people, "madeAt": when or random_stamp(),
                    "madeBy": rng.choice(WORKER_NAMES), "consent": consent, "urgency": urgency,
                    "status": status, "reason": reason}
        if contact:
            referral["contact"] = contact
        self.family["referrals"].append(referral)

    def note(self, text, significant=False, about=(), when=None):
        self.family["notes"].append({"id": self.rid("N"), "writtenAt": when or random_stamp(),
                                     "author": rng.choice(WORKER_NAMES), "text": text,
                                     "isSignificant": significant, "about": list(about)})

    def consent(self, given_by, on, scope, decision="given", withdrawn=None):
        record = {"id": self.rid("K"), "givenBy": given_by, "givenOn": on, "decision": decision, "scope": scope,
                  "recordedBy": rng.choice(WORKER_NAMES)}
        if withdrawn:
            record["withdrawnOn"] = withdrawn
        self.family["consents"].append(record)

    def lead(self, index):
        self.family["leadProfessional"] = WORKERS[index]

    def team(self, *indexes):
        self.family["teamAroundFamily"] = [TEAM[i] for i in indexes]

    def assessment(self, subject, status, started):
        person = next(p for p in self.family["members"] if p["id"] == subject)
        carers = [p for p in self.family["members"] if p["role"] == "parent-carer"]
        complete = status != "draft"
        elements = {}
        element_ids = ["general-health", "physical-development", "speech-language-communication",
                       "emotional-social-development", "behavioural-development", "identity-self-esteem",
                       "family-social-relationships", "self-care-independence", "learning", "basic-care-safety",
                       "emotional-warmth-stability", "guidance-boundaries-stimulation", "family-history-functioning",
                       "wider-family", "housing-employment-finance", "social-community-resources"]
        for index, element in enumerate(element_ids):
            if not complete and index > 5:
                break
            rating = ["strength", "need", "not-assessed"][index % 3]
            evidence = "" if rating == "not-assessed" else f"Discussed at the home visit: {element.replace('-', ' ')} noted as a {rating}."
            elements[element] = {"rating": rating, "evidence": evidence}
        y, m, d = (int(x) for x in started.split("-"))
        assessment = {
            "id": self.rid("A"), "subject": subject, "status": status, "startedOn": started,
            "identifying": {
                "givenName": person["givenName"], "familyName": person["familyName"], "alsoKnownAs": "",
                "gender": person["gender"], "address": self.family["address"]["lines"][0],
                "postcode": self.family["address"]["postcode"], "phone": "", "reference": self.fid,
                "religion": "", "immigrationStatus": "", "firstLanguageOfChild": person["firstLanguage"],
                "firstLanguageOfParent": carers[0]["firstLanguage"] if carers else "",
                "disability": person["needs"]["details"], "interpreterOrSignerNeeded": False,
                "specialRequirements": ""},
            "parentsAndCarers": [{"name": f"{c['givenName']} {c['familyName']}", "relationship": "parent",
                                  "address": self.family["address"]["lines"][0], "phone": c["phone"],
                                  "hasParentalResponsibility": c["hasParentalResponsibility"]} for c in carers],
            "peoplePresent": ", ".join(f"{c['givenName']} {c['familyName']}" for c in carers) + ", family practitioner",
            "whatLedToAssessment": self.story if complete else "",
            "currentSituation": "Family living together at the address; parents keen for support." if complete else "",
            "assessor": WORKERS[self.number % len(WORKERS)], "servicesInvolved": "School, GP, health visitor",
            "elements": elements,
            "conclusions": "Family would benefit from a coordinated early help plan." if complete else "",
            "actions": [{"who": WORKERS[self.number % len(WORKERS)]["name"], "what": "Arrange the first team around the family meeting",
                         "byWhen": iso_date(y, m, min(d + 14, 28)), "isDone": complete}] if complete else [],
            "consentToShare": {"decision": "given" if complete else "not-asked",
                               "givenBy": f"{carers[0]['givenName']} {carers[0]['familyName']}" if complete and carers else ""},
            "reviews": [],
        }
        if "dateOfBirth" in person:
            assessment["identifying"]["dateOfBirth"] = person["dateOfBirth"]
        if "expectedDeliveryDate" in person:
            assessment["identifying"]["expectedDeliveryDate"] = person["expectedDeliveryDate"]
        if complete:
            assessment["completedOn"] = iso_date(y, m, min(d + 7, 28))
            assessment["consentToShare"]["givenOn"] = started
            review_due = iso_date(y + (1 if m > 10 else 0), (m + 1) % 12 + 1, min(d, 28))
            assessment["reviews"] = [{"dueOn": review_due, "notes": ""}]
        if status in ("reviewed", "closed"):
            assessment["reviews"][0]["heldOn"] = assessment["reviews"][0]["dueOn"]
            assessment["reviews"][0]["notes"] = "Good progress on the plan; actions updated."
        if status == "closed":
            assessment["closure"] = {"closedOn": assessment["reviews"][0]["dueOn"], "reason": "needs-met",
                                     "notes": "Plan completed."}
        self.family["assessments"].append(assessment)

    def write(self):
        if self.number in SUPPORTING_FAMILIES:
            self.family["supportingFamilies"] = [supporting_need(*need) for need in SUPPORTING_FAMILIES[self.number]]
        document = {"format": "signpost-family", "formatVersion": 1, "fictional": True, "family": self.family}
        path = os.path.join(OUT, f"{self.fid}.json")
        with open(path, "w", encoding="utf-8") as handle:
            json.dump(document, handle, ensure_ascii=False, indent=2, sort_keys=True)
            handle.write("\n")


def supporting_need(area, identified, note, achieved=None, evidence=None, checked=None, sustained=None, check_note=""):
    """One Supporting Families need (#17); dates are ISO days, none after TODAY, none before 2025."""
    need = {"area": area, "identifiedOn": identified, "identifiedBy": "Priya Inventwell", "note": note}
    if achieved:
        need["achievement"] = {"on": achieved, "evidence": evidence, "recordedBy": "priya.inventwell"}
    if checked:
        need["check"] = {"on": checked, "sustained": sustained, "note": check_note, "recordedBy": "priya.inventwell"}
    return need


# Supporting Families needs and outcomes, by family number, worked by hand in SupportingFamiliesFixtureTests:
# 20 meets the criteria on 06/10/2025 (its third need) and shows significant and sustained progress on
# 07/09/2026 (its last check); 26 meets them on 15/06/2026, one outcome achieved, its check due 01/03/2027;
# 36 has two needs and does not count; 5 meets them on 16/02/2026, its domestic-abuse outcome not sustained.
SUPPORTING_FAMILIES = {
    20: [
        ("secure-housing", "2025-09-01", "Rent arrears; notice seeking possession served.",
         "2026-01-15", "Arrears cleared with a payment plan; landlord withdrew the notice.",
         "2026-07-20", True, "Rent account up to date for six months."),
        ("financial-stability", "2025-09-01", "Debts to three creditors; no budget.",
         "2026-02-10", "Debt relief order granted; budget agreed with the money advice service.",
         "2026-08-12", True, "No new debts; budget kept."),
        ("good-education", "2025-10-06", "Eldest child's attendance 78% this term.",
         "2026-03-02", "Attendance 96% over the spring term.",
         "2026-09-07", True, "Attendance above 95% since March."),
    ],
    26: [
        ("substance-use", "2026-05-04", "Father's alcohol use noticed by the school."),
        ("mental-physical-health", "2026-05-04", "Father's low mood; GP appointment missed.",
         "2026-09-01", "Completed the recovery service's programme; attends the GP.", None, None, ""),
        ("good-education", "2026-06-15", "Child tired in class; late most mornings."),
    ],
    36: [
        ("financial-stability", "2026-03-09", "Rent and council tax arrears after job loss."),
        ("mental-physical-health", "2026-04-20", "Mother anxious about money; not sleeping."),
    ],
    5: [
        ("domestic-abuse", "2026-02-02", "Police attended a domestic incident; children present.",
         "2026-03-10", "Mother completed the Freedom Programme; safety plan in place.",
         "2026-09-15", False, "A further incident reported to the police in August."),
        ("children-safe", "2026-02-02", "Children present during the incident."),
        ("family-relationships", "2026-02-16", "Parents in conflict about contact arrangements.",
         "2026-04-01", "Contact arrangements agreed through family mediation."),
        ("crime", "2026-03-01", "Father cautioned after the incident."),
    ],
}


SURNAMES = ["Quillfeather", "Marchbank-Oddly", "Pumpernickel", "Thistlewood", "Bramblecombe", "Wobbleton",
            "Featherstonehaugh-Nonesuch", "Puddleglum", "Snickerdoodle", "Tumbletoes", "Higglebottom", "Crumplehorn",
            "Fizzwidget", "Gubbleworth", "Muddlecombe", "Noodleberry", "Oddfellow", "Pickleweather", "Quibbleston",
            "Rumbleford", "Scatterwick", "Twiddlesby", "Umbershoot", "Vexington", "Wigglesworth", "Yarnspinner",
            "Zanzibarr", "Applewhistle", "Biscuitbarrel", "Cobblepot", "Dandelionne", "Eggleston-Nought",
            "Flumpington", "Gobbledy", "Hobnobble", "Inkwhistle", "Jollyhopper", "Kerfuffle", "Lollygag",
            "Moonpenny", "Nettlebed", "Ozzlewhite", "Plumtartle", "Ricketyrow"]
ADULT_F = ["Marta", "Zoë", "Siobhan", "Amara", "Li Na", "Fatima", "Gwen", "Olu", "Beatriz", "Henrietta"]
ADULT_M = ["Łukasz", "Kwame", "Darragh", "Mohammed", "Ravi", "Teodor", "Bartholomew", "Emeka", "Yusuf", "Percival"]
CHILD_F = ["Ava", "Isla", "Maryam", "Noor", "Poppy", "Ada", "Keziah", "Zainab", "Ottilie", "Wren"]
CHILD_M = ["Leo", "Idris", "Kofi", "Arlo", "Tariq", "Jasper", "Oisín", "Bilal", "Rufus", "Cassius"]

INDICATORS = {
    1: ("Health checks and immunisations up to date; housing meets needs", ["health checks up to date"]),
    2: ("Low-level mental health worries and some fixed-term exclusions; needs coordinated early help",
        ["some fixed-term exclusions", "low-level mental health issues"]),
    3: ("Domestic abuse between carers reported; persistent absence from school",
        ["domestic abuse between carers", "persistent absence"]),
    4: ("Child witnessed domestic violence heard at MARAC; immediate safeguarding response",
        ["child witnessed domestic violence heard at MARAC"]),
}


def levels(final, steps=1, override=False):
    history = []
    start = max(1, final - steps + 1)
    for level in range(start, final + 1):
        reason, indicators = INDICATORS[level]
        history.append((level, reason, random_stamp(2023 + (level - start)), None, indicators))
    if override:
        level, reason, when, _, indicators = history[-1]
        suggested = max(1, level - 1)
        history[-1] = (level, reason + ". Overrode the suggested level: the school's information shows more risk than the checklist.",
                       when, suggested, indicators)
    return history


def make(number, locality, story, shape):
    surname = SURNAMES[number - 1]
    builder = Builder(number, surname, locality, story)
    shape(builder)
    builder.write()
    return builder


def standard(builder, parent_levels, children, services=(), lead=None, team=(), assessment=None, extra=None):
    """Two carers (or one) and children given as (age or 'unborn', gender, level, send?)."""
    parents = []
    for index, level in enumerate(parent_levels):
        gender = "female" if index == 0 else "male"
        name = (ADULT_F if gender == "female" else ADULT_M)[(builder.number + index) % 10]
        parents.append(builder.person(name, "parent-carer", age=rng.randint(24, 48), gender=gender,
                                      level_history=levels(level) if level else (), phone="07700 900" + f"{builder.number:03d}"))
    if len(parents) == 2:
        builder.relate(parents[0], "partner", parents[1])
    kids = []
    for index, (age, gender, level, send) in enumerate(children):
        name = (CHILD_F if gender == "female" else CHILD_M)[(builder.number * 3 + index) % 10]
        if age == "unborn":
            pid = builder.person("Baby", "unborn", due=iso_date(2027, rng.randint(1, 5), rng.randint(1, 28)),
                                 level_history=levels(level) if level else ())
        else:
            pid = builder.person(name, "child", age=age, gender=gender, send=send,
                                 level_history=levels(level, steps=2 if level >= 3 else 1, override=(builder.number % 7 == 0)) if level else ())
        kids.append(pid)
        for parent in parents:
            builder.relate(parent, "parent", pid)
    for a, b in zip(kids, kids[1:]):
        builder.relate(a, "sibling", b)
    for service in services:
        builder.episode(service, years_ago(1, 3, 12))
    if lead is not None:
        builder.lead(lead)
    builder.team(*team)
    if kids:
        contact = builder.contact([kids[0]], builder.story, ["parenting"], "referred" if services else "signposted")
        for service in services:
            builder.referral(service, kids, "given", "routine", "accepted", builder.story, contact)
        builder.note("Home visit: the family were welcoming and talked openly about what would help.", about=[kids[0]])
    if assessment and kids:
        builder.assessment(kids[0], assessment, years_ago(0, 6, 2) if assessment == "draft" else "2026-03-02")
    if extra:
        extra(builder, parents, kids)
    return parents, kids


SEND = {"send": True, "ehcp": True, "details": "Autism; EHC plan in place"}
DISABILITY = {"send": True, "disability": True, "details": "Cerebral palsy; uses a wheelchair"}


def closed(reason):
    def apply(builder, parents, kids):
        builder.family["episodes"].append({"id": builder.rid("E"), "service": "bright-futures", "openedOn": "2024-01-15",
                                           "closedOn": "2025-06-30", "closureReason": reason})
        builder.note(f"Episode closed: {reason.replace('-', ' ')}.", significant=reason == "stepped-up")
    return apply


def safeguarding(builder, parents, kids):
    contact = builder.contact(kids[:1], "Child came to school with bruises on both arms and said not to tell.",
                              ["physical-abuse"], "safeguarding", caller=CALLERS[0])
    builder.referral("csct", kids[:1], "not-required", "immediate", "accepted",
                     "Bruising disclosed at school; strategy discussion requested", contact)
    builder.note("Strategy discussion held; child protection enquiry under way.", significant=True, about=kids[:1])


def consent_history(builder, parents, kids):
    name = builder.family["members"][0]["givenName"] + " " + builder.family["name"]
    builder.consent(name, "2025-02-10", "Share with Bright Start and the health visitor")
    builder.consent(name, "2025-09-01", "Share with the school", withdrawn="2026-01-20")
    builder.consent(name, "2026-02-01", "Referral to CAMHS", decision="refused")


def interpreter(language):
    def apply(builder, parents, kids):
        builder.family["languages"] = [language, "English"]
        builder.family["interpreterNeeded"] = True
        builder.family["accessNotes"] = "Call mother's mobile only; do not leave messages with other adults."
        for member in builder.family["members"]:
            if member["role"] == "parent-carer":
                member["firstLanguage"] = language
    return apply


def many_notes(builder, parents, kids):
    for index in range(30):
        builder.note(f"Weekly check-in {index + 1}: attendance and mood discussed; plan on track.",
                     significant=index % 10 == 0, about=kids[:1])


def adults_only(builder):
    a = builder.person(ADULT_F[builder.number % 10], "parent-carer", age=71, gender="female",
                       level_history=levels(3), pr=False)
    b = builder.person(ADULT_M[builder.number % 10], "adult", age=45, gender="male",
                       level_history=levels(2), send={"disability": True, "details": "Learning disability"})
    builder.relate(a, "parent", b)
    builder.episode("adult-social-care", "2025-05-01")
    builder.contact([a, b], builder.story, ["adult-care-needs", "isolation"], "referred")
    builder.referral("adult-social-care", [a], "given", "routine", "accepted", "Carer's assessment requested")
    builder.referral("bright-lives", [b], "given", "routine", "sent", "One-to-one coaching towards volunteering")
    builder.lead(2)


def hostile_names(builder, parents, kids):
    # Text that must never reach the terminal raw: an escape sequence and a bell inside stored names.
    builder.family["members"][-1]["alsoKnownAs"] = ["Bobby\u001b[31m Tables", "Ring\u0007Bell"]
    builder.note("Name recorded exactly as the caller spelled it, control characters and all.")


FAMILIES = [
    ("north", "Nursery worried about Ava's speech; mum asked for help with routines.",
     lambda b: standard(b, [2], [(3, "female", 2, None)], ["bright-start"], 0, (0,), "complete")),
    ("central", "School reports falling attendance and a young carer looking after dad.",
     lambda b: standard(b, [2, 3], [(12, "male", 3, None), (8, "female", 2, None)], ["bright-futures"], 1, (1, 2), "draft")),
    ("south", "Health visitor: new baby due, first-time mum feeling isolated.",
     lambda b: standard(b, [2], [("unborn", "female", 2, None)], ["bright-start"], 0, (0,), "draft", interpreter("Polish"))),
    ("north", "Family coping well; asked about children's centre activities.",
     lambda b: standard(b, [1, 1], [(2, "male", 1, None), (6, "female", 1, None)])),
    ("central", "Police attended a domestic incident; children present.",
     lambda b: standard(b, [3, 4], [(9, "female", 4, None), (4, "male", 3, None)], ["csct"], 2, (1, 2), None, safeguarding)),
    ("south", "Children under and over five; both need early help.",
     lambda b: standard(b, [2], [(1, "female", 2, None), (7, "male", 2, None)], ["bright-start", "bright-futures"], 0, (0, 1), "reviewed")),
    ("out-of-borough", "Moved in from a neighbouring borough; school place needed.",
     lambda b: standard(b, [2], [(10, "male", 2, None)], [], None, (), None)),
    ("north", "Young person with autism struggling after moving to secondary.",
     lambda b: standard(b, [2, 2], [(13, "male", 2, SEND)], ["bright-futures"], 1, (3,), "complete")),
    ("central", "19-year-old with an EHC plan needs support into college.",
     lambda b: standard(b, [2], [(21, "female", 2, SEND)], ["bright-futures", "send-support"], 1, (3,), None)),
    ("south", "Teenager going missing overnight; concerns about exploitation.",
     lambda b: standard(b, [3], [(15, "male", 4, None), (11, "female", 3, None)], ["csct", "targeted-youth-support"], 3, (1,), None, safeguarding)),
    ("north", "Disabled child with severe and complex needs; parents exhausted.",
     lambda b: standard(b, [3, 2], [(8, "female", 3, DISABILITY)], ["disabled-childrens-team"], 2, (2, 3), "complete")),
    ("central", "Closed: needs met after a parenting course.",
     lambda b: standard(b, [1], [(6, "male", 1, None)], [], None, (), "closed", closed("needs-met"))),
    ("south", "Closed: family disengaged after two missed visits.",
     lambda b: standard(b, [2], [(9, "female", 2, None)], [], None, (), None, closed("disengaged"))),
    ("north", "Closed: family moved away to the coast.",
     lambda b: standard(b, [2], [(5, "male", 2, None)], [], None, (), None, closed("moved-away"))),
    ("central", "Stepped up to social care after a disclosure at school.",
     lambda b: standard(b, [3], [(10, "female", 4, None)], ["csct"], 2, (1,), None, closed("stepped-up"))),
    ("south", "Stepped down to universal services; doing well.",
     lambda b: standard(b, [1], [(12, "male", 1, None)], [], None, (), None, closed("stepped-down"))),
    ("out-of-borough", "Elderly carer and adult son with a learning disability; think family.", adults_only),
    ("north", "Grandmother is kinship carer for two grandchildren.",
     lambda b: standard(b, [2], [(4, "female", 2, None), (14, "male", 3, None)], ["bright-start", "bright-futures"], 0, (0, 1), "complete", consent_history)),
    ("central", "Mother's low mood after the birth; baby thriving.",
     lambda b: standard(b, [2], [(0, "female", 1, None)], ["bright-start"], 0, (0,), "complete")),
    ("south", "Family with rent arrears risking eviction; three children.",
     lambda b: standard(b, [3, 2], [(3, "male", 2, None), (9, "female", 2, None), (16, "male", 3, None)], ["bright-futures"], 1, (1, 2), "draft", many_notes)),
    ("north", "Parents separating; children anxious at school.",
     lambda b: standard(b, [2, 2], [(7, "female", 2, None), (10, "male", 2, None)], ["bright-futures"], 1, (1,), "complete")),
    ("central", "Seventeen-year-old NEET and caring for a younger sibling.",
     lambda b: standard(b, [2], [(17, "female", 3, None), (6, "male", 2, None)], ["targeted-youth-support", "bright-futures"], 3, (1,), None)),
    ("south", "CAMHS referral for a child with self-harm; parents supportive.",
     lambda b: standard(b, [1, 1], [(14, "female", 3, None)], ["camhs"], 3, (2,), "complete")),
    ("north", "Family needs interpreter; toddler behind on development checks.",
     lambda b: standard(b, [2], [(2, "male", 2, None)], ["bright-start"], 0, (0,), None, interpreter("Arabic"))),
    ("central", "Dad is a young carer for his own mother; baby on the way.",
     lambda b: standard(b, [2], [("unborn", "male", 2, None), (3, "female", 2, None)], ["bright-start"], 0, (0,), None)),
    ("south", "Substance use by a parent; school noticed tiredness.",
     lambda b: standard(b, [3], [(11, "male", 3, None)], ["bright-futures"], 1, (1,), "reviewed")),
    ("out-of-borough", "Adult-only household: parent with physical disability, no children at home.",
     lambda b: (b.person(ADULT_F[b.number % 10], "parent-carer", age=52, gender="female", level_history=levels(2),
                         send={"disability": True, "details": "Multiple sclerosis"}),
                b.episode("adult-social-care", "2026-01-10"), b.lead(2))),
    ("north", "Sixteen-year-old excluded from school; offending concerns.",
     lambda b: standard(b, [2], [(16, "male", 3, None)], ["targeted-youth-support"], 3, (1,), None)),
    ("central", "Twins at nursery; family doing well.",
     lambda b: standard(b, [1, 1], [(4, "female", 1, None), (4, "male", 1, None)])),
    ("south", "Family with names that must display safely.",
     lambda b: standard(b, [2], [(8, "female", 2, None)], ["bright-futures"], 1, (), None, hostile_names)),
    ("north", "Chinese-speaking family; child with speech delay.",
     lambda b: standard(b, [2], [(5, "female", 2, None)], ["bright-start"], 0, (0,), "draft", interpreter("Mandarin"))),
    ("central", "Housing overcrowded; four children across all age bands.",
     lambda b: standard(b, [2, 2], [("unborn", "female", 2, None), (3, "male", 2, None), (9, "female", 2, None), (15, "male", 2, None)], ["bright-start", "bright-futures"], 0, (0, 1, 2), "complete")),
    ("south", "Anonymous caller worried about neglect; children seen hungry.",
     lambda b: standard(b, [3], [(6, "male", 3, None), (2, "female", 3, None)], ["csct"], 2, (0,), None, safeguarding)),
    ("north", "Young mum aged 17 with a baby; both need support.",
     lambda b: standard(b, [], [(17, "female", 2, None), (0, "male", 2, None)], ["bright-start", "targeted-youth-support"], 0, (0,), None)),
    ("central", "Father bringing up three children alone after bereavement.",
     lambda b: standard(b, [2], [(7, "male", 2, None), (11, "female", 2, None), (13, "male", 2, None)], ["bright-futures"], 1, (1,), "complete")),
    ("south", "Debt and parental unemployment; family wants advice.",
     lambda b: standard(b, [2, 2], [(8, "female", 1, None)], [], None, (), None)),
    ("out-of-borough", "Family in temporary accommodation outside the borough.",
     lambda b: standard(b, [3], [(5, "female", 3, None), (1, "male", 2, None)], ["bright-start"], 0, (0,), None)),
    ("north", "Known to two services: CAMHS and Bright Futures.",
     lambda b: standard(b, [2], [(12, "female", 3, None)], ["camhs", "bright-futures"], 1, (2, 3), "reviewed")),
    ("central", "Twenty-four-year-old with SEND living with parents.",
     lambda b: standard(b, [1, 1], [(24, "male", 2, {"send": True, "details": "Moderate learning difficulty"})], ["send-support"], None, (), None)),
    ("south", "Isolated older couple referred by their GP; no children.",
     lambda b: (b.person("Henrietta", "adult", age=80, gender="female", level_history=levels(2)),
                b.person("Percival", "adult", age=83, gender="male", level_history=levels(3)),
                b.episode("adult-social-care", "2026-07-01"))),
    ("north", "School exclusion risk; child with ADHD.",
     lambda b: standard(b, [2], [(10, "male", 3, {"send": True, "details": "ADHD; SEN support"})], ["bright-futures"], 1, (1, 3), "complete")),
    ("central", "Emergency out of hours: child left alone overnight.",
     lambda b: standard(b, [4], [(7, "female", 4, None)], ["emergency-duty-team", "csct"], 2, (), None, safeguarding)),
    ("south", "Early development concern raised at the two-year check.",
     lambda b: standard(b, [1], [(2, "female", 2, None)], ["bright-start"], 0, (0,), "draft")),
    ("north", "Family referred by a voluntary group; mum isolated and lonely.",
     lambda b: standard(b, [2], [(4, "male", 1, None)], ["bright-start", "bright-lives"], 0, (0,), None)),
]


def main():
    os.makedirs(OUT, exist_ok=True)
    for name in os.listdir(OUT):
        if name.endswith(".json"):
            os.remove(os.path.join(OUT, name))
    for number, (locality, story, shape) in enumerate(FAMILIES, start=1):
        make(number, locality, story, shape)
    print(f"wrote {len(FAMILIES)} families to {os.path.normpath(OUT)}")


if __name__ == "__main__":
    main()
