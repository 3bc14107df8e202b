// The newsroom media library: upload (drop zone or file picker), search, inline edits of caption,
// credit and alt text, and "where used". Talks to /api/admin/media; every state-changing request
// carries the x-csrf-token header read from <meta name="csrf-token">. No framework, no bundler.

const API = '/api/admin/media';
const csrfToken = document.querySelector('meta[name="csrf-token"]')?.getAttribute('content') ?? '';

const dropZone = document.querySelector('[data-drop-zone]');
const fileInput = document.getElementById('ml-file');
const uploadList = document.querySelector('[data-upload-list]');
const searchForm = document.querySelector('[data-search-form]');
const searchInput = document.getElementById('ml-q');
const statusLine = document.querySelector('[data-status]');
const grid = document.querySelector('[data-grid]');
const pager = document.querySelector('[data-pager]');
const pageLabel = document.querySelector('[data-page-label]');
const template = document.getElementById('ml-item-template');

const PAGE_SIZE = 24;
const state = { q: searchInput?.value ?? '', page: 1, total: 0 };

/** The message of an API error answer, or a generic one. */
async function errorMessage(response) {
  try {
    const body = await response.json();
    if (body && typeof body.message === 'string') return body.message;
  } catch {
    // not JSON: fall through
  }
  return `The server answered ${response.status}.`;
}

/** The smallest WebP variant at least 320 px wide (or the original) for a thumbnail. */
function thumbnailOf(media) {
  const webp = media.variants.filter((v) => v.format === 'webp');
  const pick = webp.find((v) => v.width >= 320) ?? webp[webp.length - 1];
  return pick ? pick.url : media.url;
}

function renderItem(media) {
  const node = template.content.firstElementChild.cloneNode(true);
  node.dataset.mediaId = String(media.id);
  const image = node.querySelector('img');
  image.src = thumbnailOf(media);
  image.alt = media.altText;
  image.width = 320;
  image.height = Math.max(1, Math.round((320 * media.height) / media.width));
  node.querySelector('.ml-item__facts').textContent =
    `#${media.id} · ${media.width}×${media.height} · ${media.mimeType.replace('image/', '').toUpperCase()}`;
  const form = node.querySelector('form');
  for (const label of form.querySelectorAll('label[data-for]')) {
    const name = label.dataset.for;
    const id = `ml-${media.id}-${name}`;
    label.htmlFor = id;
    form.elements[name].id = id;
  }
  form.elements.altText.value = media.altText;
  form.elements.caption.value = media.caption;
  form.elements.credit.value = media.credit;
  updateWarning(node, media);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void saveItem(node, form);
  });
  node.querySelector('[data-usage]').addEventListener('click', () => void showUsage(node, media.id));
  return node;
}

function updateWarning(node, media) {
  const missing = media.altText.trim() === '';
  node.querySelector('.ml-item__warning').hidden = !missing;
  node.classList.toggle('ml-item--missing-alt', missing);
}

async function saveItem(node, form) {
  const saved = node.querySelector('.ml-item__saved');
  const button = form.querySelector('button[type="submit"]');
  button.disabled = true;
  saved.textContent = 'Saving…';
  saved.className = 'nr-small ml-item__saved';
  try {
    const response = await fetch(`${API}/${node.dataset.mediaId}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', 'x-csrf-token': csrfToken, accept: 'application/json' },
      body: JSON.stringify({
        caption: form.elements.caption.value,
        credit: form.elements.credit.value,
        altText: form.elements.altText.value,
      }),
    });
    if (!response.ok) throw new Error(await errorMessage(response));
    const media = await response.json();
    form.elements.altText.value = media.altText;
    form.elements.caption.value = media.caption;
    form.elements.credit.value = media.credit;
    node.querySelector('img').alt = media.altText;
    updateWarning(node, media);
    saved.textContent = 'Saved.';
    saved.classList.add('ml-item__saved--ok');
  } catch (error) {
    saved.textContent = error instanceof Error ? error.message : String(error);
    saved.classList.add('ml-item__saved--error');
  } finally {
    button.disabled = false;
  }
}

async function showUsage(node, id) {
  const box = node.querySelector('.ml-item__usage');
  box.hidden = false;
  box.textContent = 'Looking for articles…';
  try {
    const response = await fetch(`${API}/${id}`, { headers: { accept: 'application/json' } });
    if (!response.ok) throw new Error(await errorMessage(response));
    const media = await response.json();
    box.replaceChildren();
    if (media.usage.length === 0) {
      box.textContent = 'Not used in any article.';
      return;
    }
    const heading = document.createElement('p');
    const shown = media.usage.length < media.usageTotal ? ` (the ${media.usage.length} most recently updated)` : '';
    heading.textContent = `Used in ${media.usageTotal} article${media.usageTotal === 1 ? '' : 's'}${shown}:`;
    const list = document.createElement('ul');
    for (const use of media.usage) {
      const item = document.createElement('li');
      const link = document.createElement('a');
      link.href = `/newsroom/articles/${use.articleId}`;
      link.textContent = use.title || `Article #${use.articleId}`;
      const status = document.createElement('span');
      status.className = `nr-badge nr-badge--${use.status}`;
      status.textContent = use.status;
      item.append(link, ' ', status);
      list.append(item);
    }
    box.append(heading, list);
  } catch (error) {
    box.textContent = error instanceof Error ? error.message : String(error);
  }
}

async function loadPage() {
  statusLine.textContent = 'Loading images…';
  const params = new URLSearchParams();
  if (state.q) params.set('q', state.q);
  params.set('page', String(state.page));
  try {
    const response = await fetch(`${API}?${params}`, { headers: { accept: 'application/json' } });
    if (!response.ok) throw new Error(await errorMessage(response));
    const { items, total } = await response.json();
    state.total = total;
    grid.replaceChildren(...items.map(renderItem));
    if (total === 0) statusLine.textContent = state.q ? `No images match “${state.q}”.` : 'The library is empty: upload the first image above.';
    else statusLine.textContent = `${total} image${total === 1 ? '' : 's'}${state.q ? ` matching “${state.q}”` : ''}.`;
    const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
    pager.hidden = pages <= 1;
    pageLabel.textContent = `Page ${state.page} of ${pages}`;
    pager.querySelector('[data-page="prev"]').disabled = state.page <= 1;
    pager.querySelector('[data-page="next"]').disabled = state.page >= pages;
  } catch (error) {
    statusLine.textContent = `Could not load the library: ${error instanceof Error ? error.message : String(error)}`;
  }
}

/** Uploads one file with a progress bar (XMLHttpRequest: fetch cannot report upload progress). */
function uploadFile(file) {
  const row = document.createElement('li');
  row.className = 'ml-upload-row';
  const name = document.createElement('span');
  name.className = 'ml-upload-row__name';
  name.textContent = file.name;
  const progress = document.createElement('progress');
  progress.max = 100;
  progress.value = 0;
  progress.setAttribute('aria-label', `Uploading ${file.name}`);
  const message = document.createElement('span');
  message.className = 'ml-upload-row__message';
  row.append(name, progress, message);
  uploadList.prepend(row);

  return new Promise((resolve) => {
    const form = new FormData();
    form.append('file', file, file.name);
    const request = new XMLHttpRequest();
    request.open('POST', API);
    request.setRequestHeader('x-csrf-token', csrfToken);
    request.setRequestHeader('accept', 'application/json');
    request.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable) progress.value = Math.round((event.loaded / event.total) * 100);
    });
    request.addEventListener('load', () => {
      let body = null;
      try {
        body = JSON.parse(request.responseText);
      } catch {
        body = null;
      }
      if (request.status === 201 && body) {
        progress.value = 100;
        row.classList.add('ml-upload-row--ok');
        message.textContent = body.altText ? 'Uploaded.' : 'Uploaded. Now add its alt text below.';
        resolve(body);
      } else {
        row.classList.add('ml-upload-row--error');
        progress.remove();
        message.textContent = body?.message ?? `The upload failed (${request.status}).`;
        resolve(null);
      }
    });
    request.addEventListener('error', () => {
      row.classList.add('ml-upload-row--error');
      progress.remove();
      message.textContent = 'The upload failed: the connection was lost.';
      resolve(null);
    });
    request.send(form);
  });
}

async function uploadFiles(files) {
  const list = [...files];
  if (list.length === 0) return;
  // One at a time: the server resizes each image, and the order of the rows stays readable.
  let uploaded = 0;
  for (const file of list) {
    if (await uploadFile(file)) uploaded += 1;
  }
  if (uploaded > 0) {
    state.q = '';
    state.page = 1;
    if (searchInput) searchInput.value = '';
    await loadPage();
  }
}

fileInput.addEventListener('change', () => {
  void uploadFiles(fileInput.files ?? []).then(() => {
    fileInput.value = '';
  });
});

for (const type of ['dragenter', 'dragover']) {
  dropZone.addEventListener(type, (event) => {
    event.preventDefault();
    dropZone.classList.add('ml-drop--active');
  });
}
for (const type of ['dragleave', 'dragend']) {
  dropZone.addEventListener(type, () => dropZone.classList.remove('ml-drop--active'));
}
dropZone.addEventListener('drop', (event) => {
  event.preventDefault();
  dropZone.classList.remove('ml-drop--active');
  void uploadFiles(event.dataTransfer?.files ?? []);
});

searchForm.addEventListener('submit', (event) => {
  event.preventDefault();
  state.q = searchInput.value.trim();
  state.page = 1;
  const url = new URL(window.location.href);
  if (state.q) url.searchParams.set('q', state.q);
  else url.searchParams.delete('q');
  window.history.replaceState(null, '', url);
  void loadPage();
});

pager.addEventListener('click', (event) => {
  const target = event.target instanceof Element ? event.target.closest('[data-page]') : null;
  if (!target) return;
  state.page += target.dataset.page === 'next' ? 1 : -1;
  void loadPage();
});

void loadPage();
