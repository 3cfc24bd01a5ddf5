//! Voices of statements in sentence shapes taken from the GVA corpus of
//! news articles about shootings (single sentences, some shortened).

use std::sync::OnceLock;

use crosscheck_voice::{Cues, Paragraph, Voice};

/// The English cues, compiled once for all tests.
fn english() -> &'static Cues {
    static CUES: OnceLock<Cues> = OnceLock::new();
    CUES.get_or_init(Cues::english)
}

/// The voice, cue and source of the statement `matched` in the sentence
/// `sentence` of `paragraph` (each the first occurrence of the text).
fn voice_in(paragraph: &str, sentence: &str, matched: &str) -> (Voice, String, String) {
    let sentence_start = paragraph
        .find(sentence)
        .expect("the sentence is in the paragraph");
    let sentence = sentence_start..sentence_start + sentence.len();
    let matched_start = sentence.start
        + paragraph[sentence.clone()]
            .find(matched)
            .expect("the match is in the sentence");
    let voiced = english().voice(
        &Paragraph::new(paragraph),
        sentence,
        matched_start..matched_start + matched.len(),
    );
    let cue = voiced.cue.map(|cue| cue.text).unwrap_or_default();
    let source = voiced
        .source
        .map(|source| paragraph[source].to_owned())
        .unwrap_or_default();
    (voiced.voice, cue, source)
}

/// The voice and cue of `matched` in a paragraph of one sentence.
fn voice(sentence: &str, matched: &str) -> (Voice, String) {
    let (voice, cue, _) = voice_in(sentence, sentence, matched);
    (voice, cue)
}

fn own() -> (Voice, String) {
    (Voice::Own, String::new())
}

fn by(voice: Voice, cue: &str) -> (Voice, String) {
    (voice, cue.to_owned())
}

#[test]
fn the_outlet_asserts_a_plain_statement() {
    assert_eq!(
        voice("Three people were killed.", "Three people were killed"),
        own()
    );
    assert_eq!(
        voice(
            "Two others were wounded in the shooting early Sunday.",
            "Two others were wounded"
        ),
        own()
    );
    assert_eq!(voice("A man and two children are dead in Wisconsin Rapids after an apparent double murder-suicide.", "two children are dead"), own());
}

#[test]
fn a_preposed_reporting_verb_governs_what_follows() {
    assert_eq!(
        voice(
            "Police said three people were killed.",
            "three people were killed"
        ),
        by(Voice::Attributed, "said")
    );
    assert_eq!(
        voice(
            "The sheriff told reporters that three people were killed.",
            "three people were killed"
        ),
        by(Voice::Attributed, "told")
    );
    assert_eq!(
        voice(
            "Bridgeport police say five teens were injured in a shooting at a Sweet 16 party.",
            "five teens were injured"
        ),
        by(Voice::Attributed, "say")
    );
    assert_eq!(
        voice(
            "Police said three people were killed and two were hurt.",
            "two were hurt"
        ),
        by(Voice::Attributed, "said")
    );
}

#[test]
fn a_post_posed_reporting_verb_governs_its_segment() {
    assert_eq!(
        voice(
            "Three people were killed, police said.",
            "Three people were killed"
        ),
        by(Voice::Attributed, "said")
    );
    assert_eq!(
        voice(
            "The 19-year-old attacker was shot and wounded by another family member, the Sullivan County sheriff's office said Sunday.",
            "was shot and wounded"
        ),
        by(Voice::Attributed, "said")
    );
    assert_eq!(
        voice("A half-dozen children were in the home and one girl was injured, Sheriff Wayne Anderson said.", "one girl was injured"),
        by(Voice::Attributed, "said")
    );
    assert_eq!(
        voice(
            "Two teens were wounded in a shooting Tuesday night, said Sgt. Ana Lopez.",
            "Two teens were wounded"
        ),
        by(Voice::Attributed, "said")
    );
    assert_eq!(
        voice("Three people, police said, were killed.", "were killed"),
        by(Voice::Attributed, "said")
    );
}

#[test]
fn according_to_governs_either_way() {
    assert_eq!(
        voice(
            "Three people were killed, according to police.",
            "Three people were killed"
        ),
        by(Voice::Attributed, "according to")
    );
    assert_eq!(
        voice(
            "According to Rochester Police, the four injured are all males.",
            "the four injured"
        ),
        by(Voice::Attributed, "According to")
    );
}

#[test]
fn sources_are_named() {
    let sentence = "Two other people were wounded in the same neighborhood, the Chicago police department said.";
    assert_eq!(
        voice_in(sentence, sentence, "Two other people were wounded").2,
        "the Chicago police department"
    );
    let sentence = "Three people were killed, according to the Pasco County Sheriff’s Office.";
    assert_eq!(
        voice_in(sentence, sentence, "Three people were killed").2,
        "the Pasco County Sheriff’s Office"
    );
    let sentence = "Clarksville police said a 3-year-old boy has died.";
    assert_eq!(
        voice_in(sentence, sentence, "a 3-year-old boy has died").2,
        "Clarksville police"
    );
}

#[test]
fn a_reporting_verb_governs_only_its_own_clause() {
    // Before a preposed verb.
    assert_eq!(
        voice(
            "Three people were killed and police said the suspect fled.",
            "Three people were killed"
        ),
        own()
    );
    assert_eq!(
        voice(
            "Three people were killed, and police said the suspect fled.",
            "Three people were killed"
        ),
        own()
    );
    // After a comma and a coordinating conjunction: an independent clause.
    assert_eq!(
        voice(
            "Police said they arrested a man, and three people were killed.",
            "three people were killed"
        ),
        own()
    );
    // Across a semicolon or a lone dash.
    assert_eq!(
        voice(
            "Police said they arrested a man; three people were killed.",
            "three people were killed"
        ),
        own()
    );
    assert_eq!(
        voice(
            "Police said they arrested a man — three people were killed.",
            "three people were killed"
        ),
        own()
    );
    // A paired dash is an aside and cuts nothing.
    assert_eq!(
        voice(
            "Three people — two men and a woman — were killed, police said.",
            "were killed"
        ),
        by(Voice::Attributed, "said")
    );
    // In a relative clause before the match.
    assert_eq!(
        voice(
            "A man was killed after he told police he had been robbed.",
            "A man was killed"
        ),
        own()
    );
    // After a named speaker, a clause rather than an addressee: preposed.
    assert_eq!(
        voice("Two days after a gunman killed two people, his daughter told a local paper she thinks his health played a role.", "a gunman killed two people"),
        own()
    );
    // A noun, not a verb.
    assert_eq!(voice("Soldiers face new rules in the wake of a report on the 2014 shooting that left four dead.", "four dead"), own());
}

#[test]
fn another_sentence_does_not_attribute() {
    let paragraph = "Police said they arrested a man. Three people were killed.";
    assert_eq!(
        voice_in(
            paragraph,
            "Three people were killed.",
            "Three people were killed"
        )
        .0,
        Voice::Own
    );
}

#[test]
fn a_statement_inside_a_quotation_is_quoted() {
    assert_eq!(
        voice("“Three people died,” the chief said.", "Three people died"),
        by(Voice::Quoted, "“")
    );
    assert_eq!(
        voice(
            r#""At this point we have three dead, nine wounded and of the three dead one is the shooter," he said."#,
            "nine wounded"
        ),
        by(Voice::Quoted, "\"")
    );
    // Quoted in two parts around the speaker.
    assert_eq!(
        voice(
            "“Three people,” he said, “were killed.”",
            "Three people,” he said, “were killed"
        ),
        by(Voice::Quoted, "“")
    );
    // The speaker of the quotation is its source.
    let sentence = "“We are very fortunate that no one was killed that night,” said Gibbons.";
    assert_eq!(
        voice_in(sentence, sentence, "no one was killed").2,
        "Gibbons"
    );
}

#[test]
fn a_quoted_phrase_does_not_quote_the_statement() {
    assert_eq!(
        voice(
            "Police said two men were “shot dead” outside the bar.",
            "two men were “shot dead"
        ),
        by(Voice::Attributed, "said")
    );
    assert_eq!(
        voice(
            "Three people were killed in what the mayor called “a senseless act.”",
            "Three people were killed"
        ),
        own()
    );
}

#[test]
fn nested_quotations_and_apostrophes() {
    let sentence = "“He told me ‘three people are dead,’ and then he left,” the witness said.";
    let (voice_of, cue) = voice(sentence, "three people are dead");
    assert_eq!((voice_of, cue.as_str()), (Voice::Quoted, "‘"));
    let sentence = r#""He said 'two are dead' and ran," a neighbor said."#;
    assert_eq!(voice(sentence, "two are dead"), by(Voice::Quoted, "'"));
    // Apostrophes open nothing.
    let sentence = "The Smiths' son, who didn't know 'em, was killed in the '90s, police said.";
    assert_eq!(voice(sentence, "was killed"), by(Voice::Attributed, "said"));
}

#[test]
fn a_quotation_left_open_runs_to_the_paragraph_end() {
    let paragraph =
        "“When we got there, there were three people dead. People were running everywhere.";
    assert_eq!(
        voice_in(
            paragraph,
            "People were running everywhere.",
            "People were running"
        )
        .0,
        Voice::Quoted
    );
    assert_eq!(
        voice_in(paragraph, paragraph, "three people dead").0,
        Voice::Quoted
    );
}

#[test]
fn a_hedge_in_the_clause_hedges() {
    assert_eq!(
        voice(
            "Three people were reportedly killed.",
            "Three people were reportedly killed"
        ),
        by(Voice::Hedged, "reportedly")
    );
    assert_eq!(
        voice(
            "At least four people may have been injured.",
            "four people may have been injured"
        ),
        by(Voice::Hedged, "may")
    );
    assert_eq!(
        voice(
            "One person reportedly was killed and multiple victims received gunshot wounds.",
            "One person reportedly was killed"
        ),
        by(Voice::Hedged, "reportedly")
    );
    assert_eq!(
        voice(
            "Jacara Sproaps, 38, was allegedly shot and killed by her ex-boyfriend.",
            "was allegedly shot and killed"
        ),
        by(Voice::Hedged, "allegedly")
    );
    assert_eq!(
        voice(
            "Investigators believe the five victims were dead before police arrived.",
            "the five victims were dead"
        ),
        by(Voice::Hedged, "believe")
    );
    assert_eq!(
        voice(
            "Up to 40 feared dead in fire during concert at Oakland warehouse",
            "40 feared dead"
        ),
        by(Voice::Hedged, "feared dead")
    );
    assert_eq!(
        voice(
            "It is unclear whether three people were killed.",
            "three people were killed"
        ),
        by(Voice::Hedged, "unclear whether")
    );
    assert_eq!(
        voice(
            "It was not immediately clear whether anyone else was injured.",
            "anyone else was injured"
        ),
        by(Voice::Hedged, "not immediately clear whether")
    );
}

#[test]
fn a_hedge_outweighs_a_report_or_a_quotation() {
    assert_eq!(
        voice(
            "Police said three people were possibly killed.",
            "three people were possibly killed"
        ),
        by(Voice::Hedged, "possibly")
    );
    assert_eq!(
        voice(
            "“Three people may have died,” the chief said.",
            "Three people may have died"
        ),
        by(Voice::Hedged, "may")
    );
    // A hedge in the report's own words doubts the report.
    assert_eq!(
        voice(
            "A 3-year-old girl has died after being shot, police sources tell News4.",
            "A 3-year-old girl has died"
        ),
        by(Voice::Hedged, "sources tell")
    );
    assert_eq!(
        voice(
            "Three people were killed, according to unconfirmed reports.",
            "Three people were killed"
        ),
        by(Voice::Hedged, "unconfirmed")
    );
    assert_eq!(
        voice("“Two men died,” sources said.", "Two men died"),
        by(Voice::Hedged, "sources said")
    );
    // A post-posed belief.
    assert_eq!(
        voice(
            "One person, I believe, was injured while on our campus.",
            "One person, I believe, was injured"
        ),
        by(Voice::Hedged, "believe")
    );
    assert_eq!(
        voice(
            "Two people were killed by the same gunman, police believe.",
            "Two people were killed"
        ),
        by(Voice::Hedged, "believe")
    );
}

#[test]
fn a_hedge_outside_the_clause_does_not_hedge() {
    assert_eq!(
        voice(
            "Three people were killed and two others may have been injured.",
            "Three people were killed"
        ),
        own()
    );
    assert_eq!(voice("A 9-year-old boy was killed Monday night in what police believe was an accidental shooting.", "A 9-year-old boy was killed"), own());
    assert_eq!(
        voice(
            "Police said they arrested a man who could face charges; three people were killed.",
            "three people were killed"
        ),
        own()
    );
    // After the statement, in the main clause it is part of.
    assert_eq!(
        voice(
            "The four people who were killed are believed to be part of the tribe.",
            "four people who were killed"
        ),
        own()
    );
    // Modifying a noun.
    assert_eq!(
        voice("A 66-year-old La Pine man died early Tuesday of an apparently accidental gunshot wound, deputies said.", "A 66-year-old La Pine man died"),
        by(Voice::Attributed, "said")
    );
    assert_eq!(
        voice(
            "Three people were killed, possibly by the same gunman.",
            "Three people were killed"
        ),
        own()
    );
    assert_eq!(
        voice("A shooting that left six people injured was possibly gang related, police said Saturday.", "six people injured"),
        by(Voice::Attributed, "said")
    );
}

#[test]
fn may_the_month_is_no_hedge() {
    assert_eq!(
        voice(
            "Three people were killed May 5 in Chicago.",
            "Three people were killed"
        ),
        own()
    );
    assert_eq!(
        voice(
            "Three people were killed in May, police said.",
            "Three people were killed"
        ),
        by(Voice::Attributed, "said")
    );
    assert_eq!(
        voice("May 5 saw three people killed.", "three people killed"),
        own()
    );
    assert_eq!(
        voice(
            "Three people may have been killed.",
            "Three people may have been killed"
        ),
        by(Voice::Hedged, "may")
    );
    assert_eq!(
        voice(
            "May God help us: three people may be dead.",
            "three people may be dead"
        ),
        by(Voice::Hedged, "may")
    );
}

#[test]
fn a_denial_is_attributed_to_the_denier() {
    let sentence = "The company denied that it had sold the data.";
    assert_eq!(
        voice_in(sentence, sentence, "it had sold the data"),
        (Voice::Attributed, "denied".into(), "The company".into())
    );
    let sentence = "Police denied reports that three people were killed.";
    assert_eq!(
        voice_in(sentence, sentence, "three people were killed"),
        (Voice::Attributed, "denied".into(), "Police".into())
    );
    let sentence = "Three people were killed, the sheriff's office denies.";
    assert_eq!(
        voice_in(sentence, sentence, "Three people were killed").0,
        Voice::Attributed
    );
}

#[test]
fn config_cues_replace_and_extend() {
    let paragraph = Paragraph::new("Three people were killed, a neighbor whispered.");
    let matched = 0..24;
    let sentence = 0..paragraph.text().len();
    assert_eq!(
        Cues::english()
            .voice(&paragraph, sentence.clone(), matched.clone())
            .voice,
        Voice::Own
    );
    let extended = Cues::english()
        .extended(Vec::<&str>::new(), ["whispered"])
        .unwrap();
    assert_eq!(
        extended
            .voice(&paragraph, sentence.clone(), matched.clone())
            .voice,
        Voice::Attributed
    );
    // Replaced lists: "whispered" is a post-posed hedge, and "said" no
    // longer reports.
    let replaced = Cues::new(["whispered"], ["claimed"]).unwrap();
    assert_eq!(
        replaced.voice(&paragraph, sentence, matched).voice,
        Voice::Hedged
    );
    let said = Paragraph::new("Three people were killed, police said.");
    assert_eq!(
        replaced.voice(&said, 0..said.text().len(), 0..24).voice,
        Voice::Own
    );
}

#[test]
fn voices_serialize_in_lowercase() {
    for voice in Voice::ALL {
        let json = serde_json::to_string(&voice).unwrap();
        assert_eq!(json, format!("\"{}\"", voice.as_str()));
        assert_eq!(serde_json::from_str::<Voice>(&json).unwrap(), voice);
    }
}
