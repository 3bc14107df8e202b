// On a first visit to a Main Page, offers (never forces) the site in the language the reader's
// browser prefers: the server reads Accept-Language and answers the sentence and link, or nothing.
(function () {
  try {
    if (document.referrer && new URL(document.referrer).origin === location.origin) return;
    if (sessionStorage.getItem('qalam-language-suggestion') === 'dismissed') return;
  } catch (e) {
    return;
  }
  var main = document.getElementById('main');
  if (!main || !window.fetch) return;
  fetch('/language-suggestion?current=' + encodeURIComponent(document.documentElement.lang), { credentials: 'omit' })
    .then(function (response) {
      return response.status === 200 ? response.json() : null;
    })
    .then(function (suggestion) {
      if (!suggestion) return;
      var box = document.createElement('p');
      box.className = 'language-suggestion';
      box.setAttribute('role', 'status');
      box.lang = suggestion.language;
      var link = document.createElement('a');
      link.href = suggestion.href;
      link.hreflang = suggestion.language;
      link.textContent = suggestion.text;
      var close = document.createElement('button');
      close.type = 'button';
      close.textContent = suggestion.dismiss;
      close.addEventListener('click', function () {
        box.remove();
        try {
          sessionStorage.setItem('qalam-language-suggestion', 'dismissed');
        } catch (e) {}
      });
      box.append(link, ' ', close);
      main.prepend(box);
    })
    .catch(function () {});
})();
