//! The evidence an assertion judges: for one rule and one story, what each
//! outlet states, denies and mentions. Outlets count once however many
//! articles they have.

use rustc_hash::{FxHashMap, FxHashSet};

use crate::record::ArticleRecord;
use crate::rules::Rule;
use crate::span::Span;
use crate::statements::{Statement, StatementKind};

/// One statement with the article it is in.
#[derive(Clone, Copy, Debug)]
pub struct Item<'a> {
    /// The statement, denial or mention.
    pub statement: &'a Statement,
    /// The article it is in, for its path, outlet and date.
    pub article: &'a ArticleRecord,
}

impl<'a> Item<'a> {
    /// Where the statement is.
    pub fn span(&self) -> &'a Span {
        &self.statement.span
    }

    /// Oldest first: dated before undated, then by path and place.
    fn age_key(&self) -> (bool, Option<&'a str>, &'a str, usize) {
        let date = self.article.sort_date.as_deref();
        (
            date.is_none(),
            date,
            &self.article.path,
            self.statement.span.byte_start,
        )
    }
}

/// What one outlet's articles of a story say about one rule's claim, each list
/// oldest first (dated before undated, then by path and place).
#[derive(Debug)]
pub struct OutletEvidence<'a> {
    /// The outlet's name.
    pub name: &'a str,
    /// Its statements of the claim.
    pub states: Vec<Item<'a>>,
    /// Its denials of the claim.
    pub denies: Vec<Item<'a>>,
    /// Its mentions of the rule's `when_mentioned` topic.
    pub mentions: Vec<Item<'a>>,
}

impl OutletEvidence<'_> {
    /// Whether the outlet states the claim at least once.
    pub fn is_stating(&self) -> bool {
        !self.states.is_empty()
    }
}

/// Everything one rule's assertions see in one story.
#[derive(Debug)]
pub struct Evidence<'a> {
    /// The rule whose claim is judged.
    pub rule: &'a Rule,
    /// The story's name.
    pub story: &'a str,
    /// Every outlet of the story: stating outlets first, oldest statement
    /// first; then the others by name.
    pub outlets: Vec<OutletEvidence<'a>>,
}

/// The articles of one story, in path order, and its outlets, found once
/// for every rule judged over it.
#[derive(Debug)]
pub struct Story<'a> {
    /// Its articles, in path order.
    pub articles: Vec<&'a ArticleRecord>,
    /// Distinct, by name.
    outlets: Vec<&'a str>,
    /// Per article, its outlet's index in `outlets`.
    outlet_of: Vec<usize>,
    /// (rule, article index) for every article with statements of the
    /// rule, by rule, then article: most articles say nothing of most
    /// claims, and asking each of them for each rule costs a story of
    /// thousands of articles more than its statements do.
    stated: Vec<(usize, usize)>,
}

impl<'a> Story<'a> {
    /// `articles` must be in path order.
    pub fn new(articles: Vec<&'a ArticleRecord>) -> Story<'a> {
        // Each article's outlet is hashed, not compared with others: a story
        // has thousands of articles and some hundreds of outlets.
        let distinct: FxHashSet<&'a str> = articles
            .iter()
            .map(|article| article.outlet.as_str())
            .collect();
        let mut outlets: Vec<&'a str> = distinct.into_iter().collect();
        outlets.sort_unstable();
        let index: FxHashMap<&'a str, usize> = outlets
            .iter()
            .enumerate()
            .map(|(index, &outlet)| (outlet, index))
            .collect();
        let outlet_of = articles
            .iter()
            .map(|article| index[article.outlet.as_str()])
            .collect();
        let mut stated: Vec<(usize, usize)> = articles
            .iter()
            .enumerate()
            .flat_map(|(position, article)| {
                article
                    .statements
                    .iter()
                    .map(move |statement| (statement.rule, position))
            })
            .collect();
        stated.sort_unstable();
        stated.dedup();
        Story {
            articles,
            outlets,
            outlet_of,
            stated,
        }
    }

    /// Its outlets, distinct, by name.
    pub fn outlets(&self) -> &[&'a str] {
        &self.outlets
    }

    /// The positions in `articles` of the articles with statements of `rule`, in order.
    pub fn stating(&self, rule: usize) -> impl Iterator<Item = usize> + '_ {
        let start = self.stated.partition_point(|&(stated, _)| stated < rule);
        self.stated[start..]
            .iter()
            .take_while(move |&&(stated, _)| stated == rule)
            .map(|&(_, position)| position)
    }
}

impl<'a> Evidence<'a> {
    /// What each outlet of `members`, the story named `story`, says about the
    /// claim of `rule`, the rule at `rule_index` of its rule set.
    pub fn gather(
        rule_index: usize,
        rule: &'a Rule,
        story: &'a str,
        members: &Story<'a>,
    ) -> Evidence<'a> {
        let mut outlets: Vec<OutletEvidence<'a>> = members
            .outlets
            .iter()
            .map(|name| OutletEvidence {
                name,
                states: Vec::new(),
                denies: Vec::new(),
                mentions: Vec::new(),
            })
            .collect();
        for position in members.stating(rule_index) {
            let (article, outlet) = (
                members.articles[position],
                &mut outlets[members.outlet_of[position]],
            );
            for statement in article.statements_of(rule_index) {
                let item = Item { statement, article };
                match statement.kind {
                    StatementKind::States => outlet.states.push(item),
                    StatementKind::Denies => outlet.denies.push(item),
                    StatementKind::Mentions => outlet.mentions.push(item),
                }
            }
        }
        for outlet in &mut outlets {
            for items in [&mut outlet.states, &mut outlet.denies, &mut outlet.mentions] {
                items.sort_by(|a, b| a.age_key().cmp(&b.age_key()));
            }
        }
        // The others stay in name order, as the story has them: only the
        // stating outlets, far fewer, need sorting.
        let (mut stating, others): (Vec<_>, Vec<_>) =
            outlets.into_iter().partition(OutletEvidence::is_stating);
        stating
            .sort_by(|a, b| (a.states[0].age_key(), a.name).cmp(&(b.states[0].age_key(), b.name)));
        stating.extend(others);
        Evidence {
            rule,
            story,
            outlets: stating,
        }
    }

    /// The outlets that state the claim, oldest statement first.
    pub fn stating(&self) -> impl Iterator<Item = &OutletEvidence<'a>> {
        self.outlets.iter().filter(|outlet| outlet.is_stating())
    }

    /// How many outlets state the claim: what `min_sources` and `max_sources` count.
    pub fn stating_count(&self) -> usize {
        self.stating().count()
    }

    /// Names of the stating outlets, oldest first.
    pub fn stating_names(&self) -> Vec<&'a str> {
        self.stating().map(|outlet| outlet.name).collect()
    }
}
