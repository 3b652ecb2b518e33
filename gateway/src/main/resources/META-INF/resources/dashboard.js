// topogan dashboard: the run list, a start form, and live charts of one run over the gateway's
// REST API and its server-sent-event stream (/api/events). Charts use Chart.js (a WebJar).

const Chart = window.Chart;
const TOKEN_KEY = 'topogan.token';
const DIMENSIONS = [0, 1, 2];
const PALETTE = ['#3b82f6', '#ef4444', '#10b981', '#a855f7', '#f59e0b', '#06b6d4', '#ec4899', '#84cc16'];
const RUN_LEVEL_CLOUDS = ['samples', 'real', 'noise'];

const state = {
  runs: new Map(),        // runId -> RunView without metrics
  runId: null,            // selected run
  metrics: new Map(),     // "epoch/analyzer/layer" -> MetricComputed of the selected run
  losses: new Map(),      // epoch -> {discriminatorLoss, generatorLoss}
  epochs: [],             // EpochView list of the selected run
  compared: new Set(),
  cloudChosen: false,     // whether the user picked a cloud other than the default
};
const charts = {};
// Read by the browser test and handy in the console.
window.topogan = { charts, state };

const $ = (id) => document.getElementById(id);

function css(name) {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
}

function authHeaders() {
  const token = sessionStorage.getItem(TOKEN_KEY);
  return token ? { Authorization: `Bearer ${token}` } : {};
}

// EventSource, <img> and download links cannot send headers; the gateway also reads the token
// from the access_token query parameter, which matters when reads are protected.
function withToken(path) {
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (!token) return path;
  return `${path}${path.includes('?') ? '&' : '?'}access_token=${encodeURIComponent(token)}`;
}

async function getJson(path) {
  const response = await fetch(path, { headers: authHeaders() });
  if (!response.ok) {
    throw new Error(`${path}: HTTP ${response.status}`);
  }
  return response.json();
}

// ---- charts ----

function lineOptions(xTitle, yTitle, extra = {}) {
  return {
    responsive: true,
    maintainAspectRatio: false,
    animation: false,
    parsing: false,
    interaction: { mode: 'nearest', intersect: false },
    plugins: { legend: { labels: { boxWidth: 12 } } },
    scales: {
      x: { type: 'linear', title: { display: true, text: xTitle }, ticks: { precision: 0 } },
      y: { title: { display: true, text: yTitle } },
    },
    ...extra,
  };
}

function makeChart(id, type, options) {
  const canvas = $(id);
  const chart = new Chart(canvas, { type, data: { datasets: [] }, options });
  const overlay = document.createElement('div');
  overlay.className = 'no-data';
  overlay.textContent = 'No data yet';
  canvas.parentElement.appendChild(overlay);
  chart.$overlay = overlay;
  charts[id.replace('chart-', '')] = chart;
  return chart;
}

function setData(chart, datasets, labels) {
  chart.data.datasets = datasets;
  if (labels) {
    chart.data.labels = labels;
  }
  const points = datasets.reduce((sum, d) => sum + d.data.length, 0);
  chart.$overlay.style.display = points > 0 ? 'none' : 'flex';
  chart.update();
}

function series(label, data, colour, dashed = false) {
  return {
    label, data, borderColor: colour, backgroundColor: colour,
    borderDash: dashed ? [6, 4] : [], pointRadius: dashed ? 0 : 3, tension: 0.15,
  };
}

function createCharts() {
  Chart.defaults.color = css('--muted');
  Chart.defaults.borderColor = css('--line');
  makeChart('chart-entropy', 'line', lineOptions('epoch', 'normalised entropy (0–1)'));
  // Distances to the real data are often 100 times those between checkpoints: log scale.
  for (const [id, title] of [['chart-wasserstein', 'Wasserstein-1 distance (pixel units, log scale)'],
    ['chart-bottleneck', 'bottleneck distance (pixel units, log scale)']]) {
    const options = lineOptions('epoch', title);
    options.scales.y.type = 'logarithmic';
    makeChart(id, 'line', options);
  }
  makeChart('chart-id', 'line', lineOptions('epoch', 'intrinsic dimension'));
  makeChart('chart-losses', 'line', lineOptions('epoch', 'mean loss per epoch'));
  // FID needs the Inception-v3 model file; without it the analyzer publishes only fd_lenet,
  // the Fréchet distance in the features of a small classifier, labelled as such.
  makeChart('chart-fid', 'line', lineOptions('epoch', 'Fréchet distance (feature units)'));
  const diagramOptions = lineOptions('birth (distance)', 'death (distance)');
  diagramOptions.scales.x.ticks = {};   // births are fractional distances, not epochs
  makeChart('chart-diagram', 'scatter', diagramOptions);
  makeChart('chart-barcode', 'bar', {
    responsive: true, maintainAspectRatio: false, animation: false, indexAxis: 'y',
    plugins: { legend: { labels: { boxWidth: 12 } } },
    scales: {
      x: { type: 'linear', title: { display: true, text: 'filtration value (distance)' } },
      y: { stacked: true, ticks: { display: false }, title: { display: true, text: 'bars' } },
    },
  });
  makeChart('chart-layers', 'bar', {
    responsive: true, maintainAspectRatio: false, animation: false,
    scales: {
      x: { title: { display: true, text: 'generator layer' } },
      y: { type: 'logarithmic', title: { display: true, text: 'total persistence (log scale)' } },
    },
  });
  makeChart('chart-compare', 'line', lineOptions('epoch', 'value'));
}

// ---- metric history of the selected run ----

function metricKey(metric) {
  return `${metric.epoch}/${metric.analyzer}/${metric.layer}`;
}

// Returns [{x: epoch, y: value}] of one value of one analyzer and cloud, in epoch order.
function points(analyzer, layer, name) {
  const result = [];
  for (const metric of state.metrics.values()) {
    if (metric.analyzer === analyzer && metric.layer === layer && metric.epoch >= 0
        && metric.values[name] !== undefined) {
      result.push({ x: metric.epoch, y: metric.values[name] });
    }
  }
  return result.sort((a, b) => a.x - b.x);
}

function realValue(analyzer, name) {
  const metric = state.metrics.get(`-1/${analyzer}/real`);
  return metric ? metric.values[name] : undefined;
}

function epochRange() {
  const epochs = [...state.metrics.values()].map((m) => m.epoch).filter((e) => e >= 0);
  return epochs.length ? [Math.min(...epochs), Math.max(...epochs)] : null;
}

function drawTrainingCharts() {
  setData(charts.entropy, DIMENSIONS.map((k) =>
    series(`H${k}`, points('entropy', 'samples', `h${k}.entropy`), PALETTE[k]))
    .filter((d) => d.data.length));

  for (const [chart, distance] of [[charts.wasserstein, 'wasserstein'], [charts.bottleneck, 'bottleneck']]) {
    const datasets = [];
    for (const k of DIMENSIONS) {
      datasets.push(series(`H${k} to previous checkpoint`,
        points('homology', 'samples', `h${k}.${distance}_previous`), PALETTE[k]));
      datasets.push(series(`H${k} to real data`,
        points('homology', 'samples', `h${k}.${distance}_real`), PALETTE[k], true));
    }
    datasets.forEach((d) => { if (d.borderDash.length) d.pointRadius = 3; });
    setData(chart, datasets.filter((d) => d.data.length));
  }

  const idDatasets = [];
  const range = epochRange();
  ['mle', 'inv_mle', 'twonn'].forEach((name, i) => {
    idDatasets.push(series(name, points('id', 'samples', name), PALETTE[i + 3]));
    const reference = realValue('id', name);
    if (reference !== undefined && range) {
      idDatasets.push(series(`${name} of real data`,
        [{ x: range[0], y: reference }, { x: range[1], y: reference }], PALETTE[i + 3], true));
    }
  });
  setData(charts.id, idDatasets.filter((d) => d.data.length));

  setData(charts.fid, [
    series('FID (Inception-v3)', points('fid', 'samples', 'fid'), PALETTE[0]),
    series('fd_lenet (LeNet features, not FID)', points('fid', 'samples', 'fd_lenet'), PALETTE[1]),
  ].filter((d) => d.data.length));

  const losses = [...state.losses.values()].sort((a, b) => a.epoch - b.epoch);
  setData(charts.losses, [
    series('discriminator', losses.filter((l) => l.discriminatorLoss != null)
      .map((l) => ({ x: l.epoch, y: l.discriminatorLoss })), PALETTE[0]),
    series('generator', losses.filter((l) => l.generatorLoss != null)
      .map((l) => ({ x: l.epoch, y: l.generatorLoss })), PALETTE[1]),
  ].filter((d) => d.data.length));
}

// ---- one checkpoint: diagram, barcode, samples, layers ----

function selectedEpoch() {
  const checkpoints = state.epochs.filter((e) => e.epoch >= 0);
  return checkpoints.length ? checkpoints[Number($('epoch-slider').value)] : null;
}

function updateEpochControls() {
  const checkpoints = state.epochs.filter((e) => e.epoch >= 0);
  const slider = $('epoch-slider');
  const atEnd = Number(slider.value) >= Number(slider.max);
  slider.max = Math.max(0, checkpoints.length - 1);
  if (atEnd) {
    slider.value = slider.max;   // follow the newest checkpoint unless the user moved back
  }
  $('epochs-empty').hidden = checkpoints.length > 0;
  const epoch = selectedEpoch();
  $('epoch-label').textContent = epoch ? `epoch ${epoch.epoch}` : '–';
  const select = $('cloud');
  // Show the generated samples until the user picks another cloud.
  const previous = state.cloudChosen ? select.value : 'samples';
  const runLevel = state.epochs.find((e) => e.epoch === -1);
  const clouds = [...(epoch ? epoch.clouds : []), ...(runLevel ? runLevel.clouds : [])];
  select.replaceChildren(...[...new Set(clouds)].map((cloud) => new Option(cloud, cloud)));
  select.value = clouds.includes(previous) ? previous : (clouds[0] || '');
}

function cloudEpoch(cloud, epoch) {
  return cloud === 'real' || cloud === 'noise' ? -1 : epoch.epoch;
}

async function drawCheckpoint() {
  const epoch = selectedEpoch();
  const cloud = $('cloud').value;
  const grid = $('grid');
  if (!epoch) {
    setData(charts.diagram, []);
    setData(charts.barcode, [], []);
    setData(charts.layers, [], []);
    grid.hidden = true;
    $('grid-empty').hidden = false;
    return;
  }
  const base = `/api/runs/${state.runId}/epochs`;
  grid.hidden = !epoch.grid;
  $('grid-empty').hidden = epoch.grid;
  if (epoch.grid) {
    grid.src = withToken(`${base}/${epoch.epoch}/grid.png`);
  }
  drawLayers(epoch.epoch);
  if (!cloud) {
    return;
  }
  const diagramPath = `${base}/${cloudEpoch(cloud, epoch)}/diagrams/${cloud}`;
  $('npy-link').href = withToken(`${diagramPath}.npy`);
  $('png-link').href = withToken(`${diagramPath}.png`);
  try {
    drawDiagram(await getJson(diagramPath));
  } catch (error) {
    console.warn(error);
    setData(charts.diagram, []);
    setData(charts.barcode, [], []);
  }
}

function drawDiagram(diagram) {
  let max = 0;
  for (const bars of Object.values(diagram.dimensions)) {
    for (const [birth, death] of bars) {
      max = Math.max(max, birth, death ?? 0);
    }
  }
  const infinity = max > 0 ? max * 1.1 : 1;
  const scatter = [];
  const barcode = [];
  const labels = [];
  for (const [dimension, bars] of Object.entries(diagram.dimensions)) {
    const colour = PALETTE[Number(dimension) % PALETTE.length];
    scatter.push({
      label: `H${dimension}`, backgroundColor: colour, borderColor: colour, pointRadius: 3,
      data: bars.map(([birth, death]) => ({ x: birth, y: death ?? infinity })),
    });
    // Floating bars [birth, death]; one row per bar, so each dimension's rows follow the last.
    const sorted = [...bars].sort((a, b) => ((b[1] ?? infinity) - b[0]) - ((a[1] ?? infinity) - a[0]));
    const offset = labels.length;
    sorted.forEach((_, i) => labels.push(`H${dimension} #${i + 1}`));
    barcode.push({
      label: `H${dimension}`, backgroundColor: colour, borderColor: colour, barThickness: 'flex',
      data: labels.map((_, row) => (row >= offset && row < offset + sorted.length
        ? [sorted[row - offset][0], sorted[row - offset][1] ?? infinity] : null)),
    });
  }
  scatter.push({
    label: 'diagonal', type: 'line', borderColor: css('--muted'), borderWidth: 1, pointRadius: 0,
    data: [{ x: 0, y: 0 }, { x: infinity, y: infinity }],
  });
  scatter.push({
    label: 'never dies', type: 'line', borderColor: css('--muted'), borderDash: [4, 4],
    borderWidth: 1, pointRadius: 0, data: [{ x: 0, y: infinity }, { x: infinity, y: infinity }],
  });
  setData(charts.diagram, scatter);
  setData(charts.barcode, barcode, labels);
}

function drawLayers(epoch) {
  const layers = [...state.metrics.values()]
    .filter((m) => m.analyzer === 'homology' && m.epoch === epoch && !RUN_LEVEL_CLOUDS.includes(m.layer))
    .sort((a, b) => a.layer.localeCompare(b.layer));
  const labels = layers.map((m) => m.layer);
  const datasets = [0, 1].map((k) => ({
    label: `H${k} total persistence`, backgroundColor: PALETTE[k],
    data: layers.map((m) => m.values[`h${k}.total_persistence`] ?? null),
  }));
  setData(charts.layers, datasets.filter((d) => d.data.some((v) => v !== null && v > 0)), labels);
}

// ---- compare ----

function renderCompareChoices() {
  const box = $('compare-runs');
  box.replaceChildren(...[...state.runs.keys()].map((runId) => {
    const label = document.createElement('label');
    const input = document.createElement('input');
    input.type = 'checkbox';
    input.checked = state.compared.has(runId);
    input.addEventListener('change', () => {
      if (input.checked) state.compared.add(runId); else state.compared.delete(runId);
      drawCompare();
    });
    label.append(input, ` ${runId}`);
    return label;
  }));
}

async function drawCompare() {
  const runs = [...state.compared];
  if (!runs.length) {
    setData(charts.compare, []);
    return;
  }
  const metric = $('compare-metric').value;
  try {
    const comparison = await getJson(`/api/compare?runs=${runs.map(encodeURIComponent).join(',')}&metric=${encodeURIComponent(metric)}`);
    charts.compare.options.scales.y.title.text = metric;
    setData(charts.compare, comparison.series.map((s, i) =>
      series(s.runId, s.points.map((p) => ({ x: p.epoch, y: p.value })), PALETTE[i % PALETTE.length])));
  } catch (error) {
    console.warn(error);
    setData(charts.compare, []);
  }
}

// ---- run list and selection ----

function renderRuns() {
  const list = $('runs');
  const runs = [...state.runs.values()].sort((a, b) =>
    (b.status?.createdAt || '').localeCompare(a.status?.createdAt || ''));
  $('runs-empty').hidden = runs.length > 0;
  list.replaceChildren(...runs.map((run) => {
    const item = document.createElement('li');
    item.dataset.runId = run.runId;
    item.classList.toggle('selected', run.runId === state.runId);
    const s = run.status;
    const c = run.config;
    item.innerHTML = '<div class="id"></div><div class="meta"></div>';
    item.querySelector('.id').textContent = run.runId;
    const meta = item.querySelector('.meta');
    meta.textContent = c ? `${c.model} · ${c.dataset} · ${s ? s.epoch + 1 : 0}/${c.epochs} epochs ` : '';
    if (s) {
      const badge = document.createElement('span');
      badge.className = `state ${s.state}`;
      badge.textContent = s.state;
      meta.append(badge);
    }
    item.addEventListener('click', () => selectRun(run.runId));
    return item;
  }));
  renderCompareChoices();
  renderRunHead();
}

function renderRunHead() {
  const run = state.runs.get(state.runId);
  if (!run) {
    return;
  }
  $('run-title').textContent = run.runId;
  const s = run.status;
  $('run-status').textContent = s
    ? `${s.state} · epoch ${s.epoch + 1} of ${s.epochs}${s.message ? ' · ' + s.message : ''}`
    : 'no status yet';
  const c = run.config;
  $('run-config').textContent = c
    ? `${c.model} on ${c.dataset}${c.classes.length ? ' classes ' + c.classes.join(',') : ''} · ${c.trainingImages || 'all'} images · batch ${c.batchSize} · ${c.samplesPerCheckpoint} samples per checkpoint · n_perm ${c.nPerm} · seed ${c.seed}`
    : '';
  $('csv-link').href = `/api/runs/${run.runId}/metrics.csv`;
}

async function selectRun(runId) {
  state.runId = runId;
  state.metrics.clear();
  state.losses.clear();
  state.epochs = [];
  state.cloudChosen = false;
  $('no-run').hidden = true;
  $('run').hidden = false;
  $('epoch-slider').value = $('epoch-slider').max = 0;
  if (!state.compared.size) state.compared.add(runId);
  renderRuns();
  const [metrics, losses] = await Promise.all([
    getJson(`/api/runs/${runId}/metrics`), getJson(`/api/runs/${runId}/losses`)]);
  if (state.runId !== runId) return;
  metrics.forEach((m) => state.metrics.set(metricKey(m), m));
  losses.forEach((l) => state.losses.set(l.epoch, l));
  drawTrainingCharts();
  await refreshEpochs();
  drawCompare();
}

async function refreshEpochs() {
  const runId = state.runId;
  try {
    const epochs = await getJson(`/api/runs/${runId}/epochs`);
    if (state.runId !== runId) return;
    state.epochs = epochs;
  } catch (error) {
    console.warn(error);
  }
  updateEpochControls();
  await drawCheckpoint();
}

async function loadRuns() {
  const runs = await getJson('/api/runs');
  runs.forEach((run) => state.runs.set(run.runId, run));
  renderRuns();
}

// ---- live events ----

let redrawTimer = null;
let epochsChanged = false;

function scheduleRedraw() {
  clearTimeout(redrawTimer);
  redrawTimer = setTimeout(async () => {
    drawTrainingCharts();
    if (epochsChanged) {
      epochsChanged = false;
      await refreshEpochs();
    }
    drawCompare();
  }, 300);
}

let eventSource = null;

function connectEvents() {
  if (eventSource) eventSource.close();
  const source = new EventSource(withToken('/api/events'));
  eventSource = source;
  const live = $('live');
  source.onopen = () => { live.textContent = 'live'; live.className = 'live on'; };
  source.onerror = () => { live.textContent = 'reconnecting'; live.className = 'live off'; };
  source.addEventListener('status', (event) => {
    const status = JSON.parse(event.data);
    const run = state.runs.get(status.runId) || { runId: status.runId, config: status.config };
    if (!run.status || run.status.createdAt <= status.createdAt) run.status = status;
    if (status.config) run.config = status.config;
    state.runs.set(status.runId, run);
    renderRuns();
    if (status.runId === state.runId && status.epoch >= 0
        && (status.discriminatorLoss != null || status.generatorLoss != null)) {
      state.losses.set(status.epoch, status);
      scheduleRedraw();
    }
  });
  source.addEventListener('metric', (event) => {
    const metric = JSON.parse(event.data);
    if (metric.runId !== state.runId) return;
    const key = metricKey(metric);
    if (!state.metrics.has(key) && metric.analyzer === 'homology') epochsChanged = true;
    state.metrics.set(key, metric);
    scheduleRedraw();
  });
}

// ---- start form and stop ----

function readForm(form) {
  const body = {};
  for (const element of form.elements) {
    if (!element.name || element.value === '') continue;
    if (element.name === 'model' || element.name === 'dataset') {
      body[element.name] = element.value;
    } else if (element.name === 'classes') {
      body.classes = element.value.split(',').map((c) => c.trim()).filter(Boolean).map(Number);
    } else {
      body[element.name] = Number(element.value);
    }
  }
  return body;
}

function showMessage(text, ok) {
  const message = $('form-message');
  message.textContent = text;
  message.className = `message ${ok ? 'ok' : 'error'}`;
}

async function startRun(event) {
  event.preventDefault();
  const response = await fetch('/api/runs', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...authHeaders() },
    body: JSON.stringify(readForm(event.target)),
  });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    showMessage([body.error || `HTTP ${response.status}`, ...(body.problems || [])].join('\n'), false);
    return;
  }
  showMessage(`Started ${body.runId}`, true);
  state.runs.set(body.runId, { runId: body.runId, config: body.config, status: state.runs.get(body.runId)?.status });
  await loadRuns();
  selectRun(body.runId);
}

async function stopRun() {
  const response = await fetch(`/api/runs/${state.runId}/stop`, { method: 'POST', headers: authHeaders() });
  const body = await response.json().catch(() => ({}));
  $('run-status').textContent = response.ok
    ? 'stop requested (the trainer does not act on stop requests yet)'
    : (body.error || `HTTP ${response.status}`);
}

function init() {
  const token = $('token');
  token.value = sessionStorage.getItem(TOKEN_KEY) || '';
  token.addEventListener('input', () => sessionStorage.setItem(TOKEN_KEY, token.value.trim()));
  // A new token may open a stream that protected reads refused; reconnect with it.
  token.addEventListener('change', () => connectEvents());
  $('start-form').addEventListener('submit', startRun);
  $('stop').addEventListener('click', stopRun);
  $('epoch-slider').addEventListener('input', () => {
    updateEpochControls();
    drawCheckpoint();
  });
  $('cloud').addEventListener('change', () => {
    state.cloudChosen = true;
    drawCheckpoint();
  });
  $('compare-metric').addEventListener('change', drawCompare);
  createCharts();
  connectEvents();
  loadRuns().catch((error) => {
    $('runs-empty').textContent = `Cannot load runs: ${error.message}`;
  });
}

init();
