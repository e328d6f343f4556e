"""Who acts and who is acted on: source and target from the dependency parse.

Subjects are the source (through conjunctions: "Akar and Gantz vowed");
passive subjects are the target and the "by" agent the source; infinitive
complements and conjoined verbs inherit their governor's subject. Targets
are direct objects, indirect objects, then objects of the prepositions that
name a recipient, on the verb, its complement or its object noun.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

_SUBJECT = {"nsubj", "csubj"}
_PASSIVE_SUBJECT = {"nsubjpass", "csubjpass"}
_INHERITS_SUBJECT = {"xcomp", "conj", "advcl"}
_RELATIVE_PRONOUNS = {"who", "which", "that"}
# Prepositions that introduce the one an action is aimed at, in order of preference.
TARGET_PREPS = (
    "with",
    "against",
    "on",
    "to",
    "at",
    "into",
    "toward",
    "towards",
    "upon",
    "from",
    "for",
    "between",  # "mediated between Israel and Hamas"
)
_OBJECT_DEPS = {"dobj", "dative", "attr", "oprd"}


def conjuncts(token: Token) -> list[Token]:
    """The token and everything coordinated with it ("Akar and his counterpart")."""
    return [token, *(t for t in token.conjuncts if t.i > token.i)]


def subject_of(verb: Token, control: frozenset[str] = frozenset()) -> tuple[list[Token], bool]:
    """The subject heads of `verb` and whether the clause is passive. `control`
    lists the verbs whose object is the subject of their complement."""
    current = verb
    for _ in range(6):
        for child in current.children:
            if child.dep_ in _SUBJECT | _PASSIVE_SUBJECT:
                head = child
                if head.lower_ in _RELATIVE_PRONOUNS and current.dep_ == "relcl":
                    head = current.head
                return conjuncts(head), child.dep_ in _PASSIVE_SUBJECT
        if current.dep_ == "relcl":
            return conjuncts(current.head), False
        if current.dep_ == "acl":
            # "protesters demanding ...": the noun acts; "troops stationed in ...":
            # a past participle is passive, the noun is acted on, unless the noun
            # is the root of the sentence, which then has no other verb: the
            # parser has misread a clause ("Thousands of students protested ...").
            noun = current.head
            passive = current.tag_ == "VBN" and noun.dep_ != "ROOT"
            return conjuncts(noun), passive
        if current.dep_ == "pcomp" and current.head.dep_ == "prep":
            # "... after SEVERING its ties": the preposition's verb has the subject;
            # "accused Rwanda of FIRING": its object does.
            governor = current.head.head
            controller = next((c for c in governor.children if c.dep_ == "dobj"), None)
            if controller is not None and controller.i < current.i:
                return conjuncts(controller), False
            current = governor
            continue
        if current.dep_ not in _INHERITS_SUBJECT or current.head.i == current.i:
            break
        if current.dep_ == "xcomp" and current.head.lemma_.lower() in control:
            # Object control: in "urged Israel and Hamas to return", the ones to
            # return are the object of "urged", not its subject.
            controller = next((c for c in current.head.children if c.dep_ == "dobj"), None)
            if controller is not None and controller.i < current.i:
                return conjuncts(controller), False
        current = current.head
    return [], False


def passive_agent(verb: Token) -> list[Token]:
    for child in verb.children:
        if child.dep_ == "agent":
            return [c for pobj in child.children if pobj.dep_ == "pobj" for c in conjuncts(pobj)]
    return []


def object_candidates(
    verbs: list[Token], things: frozenset[str] = frozenset()
) -> list[list[Token]]:
    """Candidate target heads, best first: objects, then recipient prepositions.
    Objects named in `things` are what the action is about ("imposed SANCTIONS",
    "reappointed AMBASSADORS"), not whom it is aimed at. Reciprocals ("each
    other") are no target: the action is among the subjects."""
    candidates: list[list[Token]] = []
    objects: list[Token] = []
    for verb in verbs:
        for child in verb.children:
            if child.dep_ in _OBJECT_DEPS:
                objects.append(child)
                if child.lemma_.lower() not in things and child.lower_ not in things:
                    candidates.append(conjuncts(child))
    # The owner of an object that is no actor: "rejected SOMALIA's demand".
    for obj in objects:
        # ("recalled ITS ambassador": a possessive pronoun points back at the subject.)
        candidates.extend(
            conjuncts(c) for c in obj.children if c.dep_ == "poss" and c.pos_ != "PRON"
        )
    # Recipients: on the verb, then anywhere inside its objects ("pledged 50
    # million euros in aid TO SUDAN").
    holders = [
        *verbs,
        *(t for obj in objects for t in obj.subtree if t.pos_ in {"NOUN", "PROPN", "NUM"}),
    ]
    preps = [(c.lower_, c) for holder in holders for c in holder.children if c.dep_ == "prep"]
    for prep in TARGET_PREPS:
        for word, child in preps:
            if word == prep:
                for pobj in child.children:
                    if pobj.dep_ == "pobj" and not _reciprocal(pobj):
                        candidates.append(conjuncts(pobj))
    # The one told to act: "demanded that WASHINGTON cancel the sale".
    for verb in verbs:
        for clause in verb.children:
            if clause.dep_ == "ccomp":
                candidates.extend(
                    conjuncts(c) for c in clause.children if c.dep_ in {"nsubj", "nsubjpass"}
                )
    return candidates


def direct_objects(verbs: list[Token]) -> list[Token]:
    """All objects of the verbs, things included, for finding a target's owner."""
    return [child for verb in verbs for child in verb.children if child.dep_ in _OBJECT_DEPS]


def _reciprocal(token: Token) -> bool:
    return token.lower_ in {"other", "another"} and any(
        c.lower_ in {"each", "one"} for c in token.children
    )


def object_region(verb: Token) -> list[Token]:
    """The tokens of a verb's objects and prepositional phrases, for pattern refinements."""
    region: list[Token] = []
    for child in verb.children:
        if child.dep_ in _OBJECT_DEPS | {"prep", "acomp", "npadvmod", "prt"}:
            region.extend(child.subtree)
    return region


def complement_of(verb: Token) -> Token | None:
    """The to-infinitive (or other open) complement: 'vowed TO ENHANCE'."""
    for child in verb.children:
        if child.dep_ == "xcomp" and child.pos_ in {"VERB", "AUX"}:
            return child
    return None


def is_negated(*verbs: Token) -> bool:
    """'did not meet', 'never met', and a negative subject or object: 'NO
    arrests were made', 'NEITHER China nor India has pulled back', 'made NO
    arrests'; a nominal trigger with 'no' ('no talks')."""
    for verb in verbs:
        if verb.pos_ == "NOUN" and _negative_determiner(verb):
            return True
        # "talks ... never took place": the nominal event's own verb is negated.
        if (
            verb.pos_ == "NOUN"
            and verb.dep_ in {"nsubj", "nsubjpass"}
            and any(child.dep_ == "neg" for child in verb.head.children)
        ):
            return True
        for child in verb.children:
            if child.dep_ == "neg":
                return True
            if child.dep_ in {"nsubj", "nsubjpass", "dobj"} and _negative_determiner(child):
                return True
    return False


def _negative_determiner(noun: Token) -> bool:
    return any(
        child.dep_ in {"det", "preconj"} and child.lower_ in {"no", "neither"}
        for child in noun.children
    )


def is_future(*verbs: Token) -> bool:
    """'will meet', 'is going to meet', and reported 'said it would send'."""
    for verb in verbs:
        for child in verb.children:
            if child.dep_ == "aux" and child.lower_ in {"will", "shall", "'ll", "would", "going"}:
                return True
    return False


def is_hypothetical(*verbs: Token) -> bool:
    """'could impose', 'may attack', 'if it attacked': not an event that happened.
    ('would' is the future of reported speech, 'said it would send': an intent.)"""
    for verb in verbs:
        for child in verb.children:
            if child.dep_ == "aux" and child.lower_ in {"may", "might", "could", "should"}:
                return True
            if child.dep_ == "mark" and child.lower_ in {"if", "unless", "whether"}:
                return True
    return False


def in_hypothetical(token: Token) -> bool:
    """Whether the token's clause, or one governing it, is hypothetical: 'could
    send troops to fight', 'if India attacks'."""
    current = token
    for _ in range(8):
        if current.pos_ in {"VERB", "AUX"} and is_hypothetical(current):
            return True
        if current.head.i == current.i:
            return False
        current = current.head
    return False


def alleged(token: Token, allegation_verbs: frozenset[str]) -> bool:
    """Whether the token is inside what someone is accused of or denies ('accused
    Rwanda of FIRING rockets'): an allegation, not an event that is reported."""
    current = token
    for _ in range(8):
        if current.head.i == current.i:
            return False
        if current.head.lemma_.lower() in allegation_verbs and current.dep_ in {
            "prep",
            "pcomp",
            "ccomp",
            "xcomp",
            "dobj",
        }:
            return current is not token or token.dep_ in {"pcomp", "ccomp"}
        current = current.head
    return False


def unrealised(token: Token, unrealised_verbs: frozenset[str]) -> bool:
    """Whether the token lies in what someone asks for, threatens, promises or
    plans ('urged Russia to OPEN corridors', 'demanded that Minsk STOP',
    'threatened to ban any party that ORGANISED rallies'), or in what there is
    no sign of: not an event."""
    current = token
    for _ in range(8):
        if current.head.i == current.i:
            return False
        if current.dep_ in {"xcomp", "ccomp"} and current.head.lemma_.lower() in unrealised_verbs:
            return True
        if current.dep_ in {"acl", "ccomp"} and any(
            c.dep_ == "det" and c.lower_ == "no" for c in current.head.children
        ):
            return True  # "no evidence that Russia had SHIPPED helicopters"
        current = current.head
    return False


def in_passing(token: Token, eventful: set[int]) -> bool:
    """Whether the token's clause hangs on a clause whose own verb carries an
    event ("went on strike, DEMANDING jobs", "... after Kurdish fighters PULLED
    back", "shelled positions in breach of a truce BROKERED by Beijing"): the
    sentence reports the main event and mentions this one in passing."""
    current = token
    for _ in range(8):
        if current.head.i == current.i:
            return False
        if current.dep_ in _SUBORDINATE:
            governor = current.head
            while governor.pos_ not in {"VERB", "AUX"} and governor.head.i != governor.i:
                governor = governor.head
            return governor.i in eventful
        current = current.head
    return False


_SUBORDINATE = {"advcl", "relcl", "acl"}


def is_question(sentence: Span) -> bool:
    return sentence.text.rstrip(" \"'”’").endswith("?")


_NESTED_CLAUSES = {"advcl", "ccomp", "relcl", "acl", "pcomp", "csubj", "parataxis"}


def clause_text(trigger: Token) -> str:
    """The words of the trigger's own clause, for its date: nested clauses
    ("after they decided ... in August") carry their own times."""
    verb = trigger
    while verb.pos_ not in {"VERB", "AUX"} and verb.head.i != verb.i:
        verb = verb.head
    skipped: set[int] = set()
    for token in verb.subtree:
        if token.dep_ in _NESTED_CLAUSES and token.i != verb.i and token.i not in skipped:
            skipped.update(t.i for t in token.subtree)
    if trigger.i in skipped:  # a noun trigger inside a nested clause: use its own subtree
        return "".join(t.text_with_ws for t in trigger.subtree)
    return "".join(t.text_with_ws for t in verb.subtree if t.i not in skipped)
