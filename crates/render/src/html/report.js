// The behaviour of crosscheck's HTML report: a highlight's findings in a
// panel, next/previous finding (buttons and j/k, n/p), filters by rule and
// severity, links that open collapsed sections, and print with everything
// open. It only rearranges the page: findings are cloned from their cards,
// never built from strings, so no text of an article can become markup.
'use strict';
(function () {
  const byId = (id) => document.getElementById(id);
  const cards = Array.from(document.querySelectorAll('main li.card'));
  const marks = Array.from(document.querySelectorAll('mark[data-d]'));
  const articles = Array.from(document.querySelectorAll('details.article'));
  const stops = new Set(marks.filter((mark) => mark.hasAttribute('tabindex')));
  const severityOf = new Map(cards.map((card) => [card.id.slice(1), card.dataset.sev]));
  const rank = { note: 1, warning: 2, error: 3 };
  const panel = byId('panel');
  const panelCards = byId('panel-cards');
  const position = byId('position');
  const ruleFilter = byId('rule');
  const severityFilters = Array.from(document.querySelectorAll('input[name="severity"]'));
  const expand = byId('expand');
  const toolbar = byId('toolbar');

  let visible = cards;
  let current = -1;

  const idOf = (card) => card.id.slice(1);
  const findingsOf = (mark) => mark.dataset.d.split(' ');
  const isVisible = (id) => visible.some((card) => idOf(card) === id);
  const marksOf = (ids) => marks.filter((mark) => findingsOf(mark).some((id) => ids.includes(id)));

  function describePosition() {
    if (visible.length === 0) {
      position.textContent = 'no finding shown';
    } else if (current < 0) {
      position.textContent = visible.length === 1 ? '1 finding' : visible.length + ' findings';
    } else {
      position.textContent = 'finding ' + (current + 1) + ' of ' + visible.length;
    }
  }

  // Opens the collapsed sections around an element and shows a hidden article.
  function reveal(element) {
    for (let node = element.parentElement; node; node = node.parentElement) {
      if (node.tagName === 'DETAILS') {
        node.open = true;
      }
      if (node.classList.contains('article')) {
        node.hidden = false;
      }
    }
  }

  // Shows the cards of these findings in the panel, and outlines their highlights.
  function show(ids) {
    const shown = ids.filter(isVisible);
    for (const mark of document.querySelectorAll('mark.current')) {
      mark.classList.remove('current');
    }
    if (shown.length === 0) {
      close();
      return;
    }
    for (const mark of marksOf(shown)) {
      mark.classList.add('current');
    }
    panelCards.replaceChildren(
      ...shown.map((id) => {
        const copy = byId('d' + id).cloneNode(true);
        copy.removeAttribute('id');
        copy.removeAttribute('tabindex');
        return copy;
      })
    );
    panel.hidden = false;
    current = visible.findIndex((card) => idOf(card) === shown[0]);
    describePosition();
    const [first] = marksOf(shown);
    if (first) {
      keepInSight(first);
    }
  }

  // Scrolls an element into the space between the toolbar and the panel
  // (which covers the lower half of a phone's screen).
  function keepInSight(element) {
    const top = toolbar.getBoundingClientRect().bottom;
    const bottom = panel.hidden ? window.innerHeight : panel.getBoundingClientRect().top;
    const box = element.getBoundingClientRect();
    if (box.top < top || box.bottom > bottom) {
      window.scrollBy(0, box.top - top - Math.max(0, (bottom - top - box.height) / 2));
    }
  }

  function close() {
    panel.hidden = true;
    for (const mark of document.querySelectorAll('mark.current')) {
      mark.classList.remove('current');
    }
  }

  // Moves to the finding at `index` of those shown (wrapping around): opens
  // its article, focuses its first highlight (or its card when the text is
  // not shown) and shows it.
  function go(index) {
    if (visible.length === 0) {
      return;
    }
    const card = visible[(index + visible.length) % visible.length];
    const id = idOf(card);
    const target = marks.find((mark) => findingsOf(mark).includes(id)) || card;
    reveal(target);
    target.focus({ preventScroll: true });
    show([id]);
    if (target === card) {
      keepInSight(card);
    }
  }

  // Briefly lights up the pieces of the span a link points at: its target
  // piece up to `data-to`, the span's end.
  function flash(link, target) {
    const to = Number(link.dataset.to);
    const cut = target.id.lastIndexOf('-');
    if (!to || cut < 0 || target.tagName !== 'MARK') {
      return;
    }
    const prefix = target.id.slice(0, cut + 1);
    const from = Number(target.id.slice(cut + 1));
    for (const mark of target.parentElement.querySelectorAll('mark[id^="' + prefix + '"]')) {
      const at = Number(mark.id.slice(prefix.length));
      if (at >= from && at < to) {
        mark.classList.remove('flash');
        void mark.offsetWidth; // restarts the animation
        mark.classList.add('flash');
      }
    }
  }

  function applyFilters() {
    const rule = ruleFilter.value;
    const severities = new Set(severityFilters.filter((box) => box.checked).map((box) => box.value));
    const filtering = rule !== '' || severities.size < severityFilters.length;
    visible = cards.filter((card) => {
      const shown = (rule === '' || card.dataset.rule === rule) && severities.has(card.dataset.sev);
      card.hidden = !shown;
      return shown;
    });
    const shownIds = new Set(visible.map(idOf));
    for (const mark of marks) {
      const severity = findingsOf(mark)
        .filter((id) => shownIds.has(id))
        .map((id) => severityOf.get(id))
        .sort((a, b) => rank[b] - rank[a])[0];
      if (severity) {
        mark.dataset.sev = severity;
      } else {
        delete mark.dataset.sev;
      }
      mark.classList.toggle('off', !severity);
      if (stops.has(mark)) {
        mark.tabIndex = severity ? 0 : -1;
      }
    }
    for (const article of articles) {
      article.hidden = filtering && !article.querySelector('li.card:not([hidden])');
    }
    current = -1;
    close();
    describePosition();
  }

  document.addEventListener('click', (event) => {
    const link = event.target.closest('a[href^="#"]');
    if (link) {
      const target = byId(decodeURIComponent(link.hash.slice(1)));
      if (target) {
        reveal(target);
        flash(link, target);
      }
      return;
    }
    const mark = event.target.closest('mark[data-d]');
    if (mark && !mark.classList.contains('off')) {
      show(findingsOf(mark));
    }
  });

  document.addEventListener('focusin', (event) => {
    const mark = event.target.closest('mark[data-d]');
    if (mark && !mark.classList.contains('off')) {
      show(findingsOf(mark));
    }
  });

  document.addEventListener('keydown', (event) => {
    if (event.altKey || event.ctrlKey || event.metaKey || event.target.closest('input, select, textarea')) {
      return;
    }
    switch (event.key) {
      case 'j':
      case 'n':
        go(current + 1);
        break;
      case 'k':
      case 'p':
        go(current < 0 ? -1 : current - 1);
        break;
      case 'Escape':
        close();
        break;
      default:
        return;
    }
    event.preventDefault();
  });

  byId('next').addEventListener('click', () => go(current + 1));
  byId('prev').addEventListener('click', () => go(current < 0 ? -1 : current - 1));
  byId('close').addEventListener('click', close);
  ruleFilter.addEventListener('change', applyFilters);
  for (const box of severityFilters) {
    box.addEventListener('change', applyFilters);
  }
  const labelExpand = () => {
    expand.textContent = document.querySelector('main details:not([open])') ? 'Expand all' : 'Collapse all';
  };
  expand.addEventListener('click', () => {
    const open = expand.textContent === 'Expand all';
    for (const details of document.querySelectorAll('main details')) {
      details.open = open;
    }
    labelExpand();
  });

  // Printing shows every section; afterwards the page is as it was.
  let closedForPrint = [];
  window.addEventListener('beforeprint', () => {
    closedForPrint = Array.from(document.querySelectorAll('details:not([open])'));
    for (const details of closedForPrint) {
      details.open = true;
    }
  });
  window.addEventListener('afterprint', () => {
    for (const details of closedForPrint) {
      details.open = false;
    }
    closedForPrint = [];
  });

  toolbar.hidden = false;
  labelExpand();
  describePosition();
  if (location.hash) {
    const target = byId(decodeURIComponent(location.hash.slice(1)));
    if (target) {
      reveal(target);
      target.scrollIntoView();
    }
  }
})();
