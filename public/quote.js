// The readers' quote tool (src/web/site/views/quote-tool.tsx): selecting text in the article offers
// "Quote with link", which copies “selection” — Title, URL. A selection longer than the share others
// may reuse gets a polite note with a link to ask for a licence. Nothing here blocks selecting or
// copying, and the copy event is never touched: the button is an offer, not a replacement.
(function () {
  'use strict';
  var script = document.currentScript;
  var article = document.querySelector('article.article');
  var messagesBlock = document.getElementById('quote-messages');
  if (!script || !article || !messagesBlock || !window.getSelection) return;
  var messages;
  try {
    messages = JSON.parse(messagesBlock.textContent || '{}');
  } catch (error) {
    return;
  }
  var wordCount = Number(script.getAttribute('data-word-count')) || 0;
  var sharePercent = Number(script.getAttribute('data-reuse-share'));
  var licenceUrl = script.getAttribute('data-licence-url') || '';
  // Words as the server counts them (domain/articles/body-text.ts): runs of letters or digits in any script.
  var WORD = /[\p{L}\p{N}]+(?:['’\-][\p{L}\p{N}]+)*/gu;
  var allowedWords = Math.floor((wordCount * sharePercent) / 100);

  var tool = document.createElement('div');
  tool.className = 'quote-tool';
  var button = document.createElement('button');
  button.type = 'button';
  button.className = 'quote-button';
  button.textContent = messages.button;
  button.hidden = true;
  // Always present, so assistive technology hears what is written into it later.
  var live = document.createElement('div');
  live.className = 'quote-note';
  live.setAttribute('aria-live', 'polite');
  tool.appendChild(button);
  tool.appendChild(live);
  // Just before the body: after a selection, the button comes early in the Tab order, before any
  // link of the text itself (the article's header holds only the byline's links).
  var body = article.querySelector('.article-body');
  if (body) body.parentNode.insertBefore(tool, body);
  else article.appendChild(tool);

  var quoted = '';

  function countWords(text) {
    var found = text.match(WORD);
    return found ? found.length : 0;
  }

  function selectedInArticle() {
    var selection = window.getSelection();
    if (!selection || selection.isCollapsed || selection.rangeCount === 0) return null;
    var range = selection.getRangeAt(0);
    if (!article.contains(range.commonAncestorContainer) || tool.contains(range.commonAncestorContainer)) return null;
    var text = selection.toString().replace(/\s+/g, ' ').trim();
    return text ? { text: text, range: range } : null;
  }

  function say(nodes) {
    while (live.firstChild) live.removeChild(live.firstChild);
    for (var i = 0; i < nodes.length; i++) live.appendChild(nodes[i]);
  }

  function paragraph(text, link) {
    var p = document.createElement('p');
    p.textContent = text;
    if (link) {
      var a = document.createElement('a');
      a.href = licenceUrl;
      a.textContent = link;
      p.appendChild(document.createTextNode(' '));
      p.appendChild(a);
      p.appendChild(document.createTextNode('.'));
    }
    return p;
  }

  function place(range) {
    var box = range.getBoundingClientRect();
    var frame = article.getBoundingClientRect();
    var left = Math.max(0, Math.min(box.left - frame.left, frame.width - 240));
    tool.classList.add('quote-tool-placed');
    tool.style.top = Math.round(box.bottom - frame.top + 8) + 'px';
    tool.style.left = Math.round(left) + 'px';
  }

  function hide() {
    quoted = '';
    button.hidden = true;
    tool.classList.remove('quote-tool-placed');
    say([]);
  }

  function update() {
    var found = selectedInArticle();
    if (!found) {
      // Focus on the button (reached by Tab) or a click inside the tool keeps what was selected.
      if (!tool.contains(document.activeElement)) hide();
      return;
    }
    quoted = found.text;
    button.hidden = false;
    place(found.range);
    say(countWords(quoted) > allowedWords ? [paragraph(messages.tooLong, messages.askLicence)] : []);
  }

  function quotation() {
    var heading = article.querySelector('.article-title');
    var canonical = document.querySelector('link[rel="canonical"]');
    var values = {
      text: quoted,
      title: heading ? heading.textContent.replace(/\s+/g, ' ').trim() : document.title,
      url: canonical ? canonical.href : location.href.split('#')[0],
    };
    return messages.format.replace(/\{(text|title|url)\}/g, function (_, name) {
      return values[name];
    });
  }

  // Where the Clipboard API is missing (a page served over plain http), a hidden text area is copied
  // instead; the reader's own selection is put back afterwards.
  function copyByCommand(text) {
    var selection = window.getSelection();
    var saved = selection && selection.rangeCount > 0 ? selection.getRangeAt(0) : null;
    var area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.className = 'quote-scratch';
    document.body.appendChild(area);
    area.select();
    var done = false;
    try {
      done = document.execCommand('copy');
    } catch (error) {
      done = false;
    }
    document.body.removeChild(area);
    if (saved && selection) {
      selection.removeAllRanges();
      selection.addRange(saved);
    }
    return done ? Promise.resolve() : Promise.reject(new Error('copy refused'));
  }

  function copy() {
    if (!quoted) return;
    var text = quotation();
    var over = countWords(quoted) > allowedWords;
    var copying = navigator.clipboard && navigator.clipboard.writeText ? navigator.clipboard.writeText(text) : copyByCommand(text);
    copying.then(
      function () {
        say(over ? [paragraph(messages.copied), paragraph(messages.tooLong, messages.askLicence)] : [paragraph(messages.copied)]);
      },
      function () {
        say([paragraph(messages.copyFailed)]);
      },
    );
  }

  // A press inside the tool must not end the selection it acts on (the click still goes through).
  tool.addEventListener('mousedown', function (event) {
    event.preventDefault();
  });
  button.addEventListener('click', copy);
  document.addEventListener('selectionchange', update);
  document.addEventListener('keydown', function (event) {
    if (event.key === 'Escape' && !button.hidden) hide();
  });
  tool.addEventListener('focusout', function (event) {
    if (!tool.contains(event.relatedTarget) && !selectedInArticle()) hide();
  });
})();
