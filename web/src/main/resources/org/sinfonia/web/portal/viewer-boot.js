// Served as /viewer/sinfonia-boot.js in place of OHIF's two inline scripts (the viewer's content
// security policy allows no inline script). It also hands the portal session's CSRF token to every
// request OHIF makes that changes something on this origin (STOW-RS of a measurement report): OHIF
// only knows how to send an Authorization header, and the session lives in an HttpOnly cookie.
console.time('scriptToView');
window.PUBLIC_URL = '/viewer/';
function browserImportFunction(n) {
  return import(n);
}
(function () {
  var token = null;
  var ready = fetch('/api/v1/session', {
    credentials: 'same-origin',
    headers: { Accept: 'application/json', 'X-Requested-With': 'XMLHttpRequest' },
  })
    .then(function (r) {
      return r.ok ? r.json() : null;
    })
    .then(function (s) {
      token = s && s.csrfToken ? s.csrfToken : null;
    })
    .catch(function () {});
  window.sinfoniaSessionReady = ready;

  function changes(method) {
    return !/^(GET|HEAD|OPTIONS)$/i.test(method || 'GET');
  }
  function sameOrigin(url) {
    try {
      return new URL(String(url), location.href).origin === location.origin;
    } catch (e) {
      return false;
    }
  }

  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url) {
    this.sinfoniaNeedsToken = changes(method) && sameOrigin(url);
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    if (this.sinfoniaNeedsToken && token) {
      this.setRequestHeader('X-CSRF-Token', token);
    }
    return send.apply(this, arguments);
  };

  var originalFetch = window.fetch;
  window.fetch = function (input, init) {
    var isRequest = typeof Request !== 'undefined' && input instanceof Request;
    var method = (init && init.method) || (isRequest ? input.method : 'GET');
    var url = isRequest ? input.url : input;
    if (!token || !changes(method) || !sameOrigin(url)) {
      return originalFetch.apply(this, arguments);
    }
    var headers = new Headers((init && init.headers) || (isRequest ? input.headers : undefined));
    headers.set('X-CSRF-Token', token);
    return originalFetch.call(this, input, Object.assign({}, init, { headers: headers }));
  };
})();
