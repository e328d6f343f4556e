"""Sentence features for the learned detector and typer, read off the spaCy parse.

The features describe what a sentence says happened, not who said it: the
lemmas of content words, verbs with their particles, prepositions, objects
and complements ("hold>talk", "vow>boost", "fire+at"), the subject's head
word ("subj:police", "subj:storm"), clause markers (future, negation,
conditional, question) and entity types in place of names, so that a model
trained on Kenyan sentences can read Peruvian ones.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise

from spacy.tokens import Span, Token

# Part of the model version: a change to the features needs a retrained model.
FEATURES_VERSION = "f1"
_CONTENT = {"NOUN", "VERB", "ADJ", "ADV"}
_VERBS = {"VERB", "AUX"}
_NAMES = {"PROPN"}
_MARKERS = {
    "will": "future",
    "shall": "future",
    "would": "future",
    "'ll": "future",
    "may": "modal",
    "might": "modal",
    "could": "modal",
    "should": "modal",
    "if": "conditional",
    "unless": "conditional",
    "whether": "conditional",
}


def _word(token: Token) -> str:
    """A token as a feature word: names become their entity type."""
    if token.ent_type_ and (token.pos_ in _NAMES or token.is_title):
        return f"<{token.ent_type_}>"
    if token.like_num:
        return "<num>"
    return token.lemma_.lower()


def sentence_features(sentence: Span) -> list[str]:
    """The feature strings of one sentence (each at most once, in a stable order)."""
    features: dict[str, None] = {}

    def add(name: str) -> None:
        features[name] = None

    words = [t for t in sentence if not (t.is_punct or t.is_space)]
    forms = [_word(t) for t in words]
    for token, word in zip(words, forms, strict=True):
        if token.pos_ in _CONTENT:
            add(f"w:{word}")
        elif token.pos_ in _NAMES and word.startswith("<"):
            add(f"e:{word}")
        marker = _MARKERS.get(token.lower_)
        if marker and token.dep_ in {"aux", "mark"}:
            add(f"m:{marker}")
    for first, second in pairwise(forms):
        add(f"b:{first}_{second}")
    for token in sentence:
        for name in trigger_features(token):
            add(name)
    root = sentence.root
    add(f"root:{_word(root)}")
    if sentence.text.rstrip(" \"'”’").endswith("?"):
        add("m:question")
    return list(features)


def trigger_features(token: Token) -> list[str]:
    """The features a verb or noun brings by itself and with its dependents: what
    the typer weighs to tell which word of a sentence carries its event."""
    features: list[str] = []
    if token.pos_ in _VERBS:
        _verb_features(token, features.append)
    elif token.pos_ == "NOUN":
        lemma = token.lemma_.lower()
        features.extend(f"np:{lemma}+{c.lower_}" for c in token.children if c.dep_ == "prep")
        if token.dep_ in {"dobj", "attr"} and token.head.pos_ in _VERBS:
            features.append(f"vo:{token.head.lemma_.lower()}>{lemma}")
    return features


def _verb_features(verb: Token, add: Callable[[str], None]) -> None:
    lemma = verb.lemma_.lower()
    negated = any(c.dep_ == "neg" for c in verb.children)
    add(f"v:{lemma}")
    if negated:
        add(f"neg:{lemma}")
    for child in verb.children:
        dep = child.dep_
        if dep in {"prep", "prt", "agent"}:
            add(f"vp:{lemma}+{child.lower_}")
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    add(f"vpo:{lemma}+{child.lower_}>{_word(pobj)}")
        elif dep in {"dobj", "attr", "dative"}:
            add(f"vo:{lemma}>{_word(child)}")
        elif dep in {"xcomp", "ccomp"} and child.pos_ in _VERBS:
            add(f"vc:{lemma}>{child.lemma_.lower()}")
        elif dep in {"nsubj", "nsubjpass"}:
            add(f"subj:{_word(child)}")
            add(f"sv:{_word(child)}>{lemma}")
            if dep == "nsubjpass":
                add(f"pass:{lemma}")
