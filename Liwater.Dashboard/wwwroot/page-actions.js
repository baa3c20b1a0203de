// Page actions without inline handlers, which the Content-Security-Policy forbids (script-src 'self', decision 0103):
// an element with data-action="print" prints the page; a form with data-confirm="question" submits only when the
// person confirms. Delegated listeners on the document, so content rendered later is covered too.
document.addEventListener('click', event => {
  const target = event.target instanceof Element ? event.target.closest('[data-action="print"]') : null;
  if (target) {
    event.preventDefault();
    window.print();
  }
});

document.addEventListener('submit', event => {
  const form = event.target;
  if (form instanceof HTMLFormElement && form.dataset.confirm && !window.confirm(form.dataset.confirm)) {
    event.preventDefault();
    event.stopImmediatePropagation();
  }
}, true);
