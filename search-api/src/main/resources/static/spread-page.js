/*
 * The spread page's pictures, drawn by Apache ECharts (served by this server): postings and the audience they
 * reached over time, and the graph of rooms. Reads the page's JSON data block; sends nothing.
 */
(function () {
  'use strict';
  const block = document.getElementById('spread-data');
  if (!block || !window.echarts) return;
  const data = JSON.parse(block.textContent);
  const spread = data.spread;
  const labels = data.labels;

  // Timeline: postings so far, and the audience reached so far (each room counted once, at its first posting),
  // worked out on the server over every posting (the list below may show only the first of them).
  const postings = data.timeline.map(p => [p.at, p.postings]);
  const reach = data.timeline.map(p => [p.at, p.audience]);
  const timeline = echarts.init(document.getElementById('timeline'), null, { renderer: 'canvas' });
  timeline.setOption({
    animation: false,
    tooltip: { trigger: 'axis' },
    legend: { data: [labels.postings, labels.audience] },
    xAxis: { type: 'time' },
    yAxis: [{ type: 'value', name: labels.postings, minInterval: 1 }, { type: 'value', name: labels.audience }],
    series: [
      { name: labels.postings, type: 'line', step: 'end', data: postings },
      { name: labels.audience, type: 'line', step: 'end', yAxisIndex: 1, data: reach },
    ],
  });

  // Graph: rooms sized by audience (unknown audience: the smallest), the first posting's room marked, rooms never
  // crawled grey; forwards solid with arrows, re-postings dashed. A click opens the room.
  const size = a => (a == null ? 12 : 12 + 8 * Math.log10(1 + a));
  const graph = echarts.init(document.getElementById('graph'), null, { renderer: 'canvas' });
  graph.setOption({
    animation: false,
    tooltip: {},
    legend: { data: [labels.forward, labels.shared] },
    series: [{
      type: 'graph',
      layout: 'force',
      roam: true,
      force: { repulsion: 220, edgeLength: 120 },
      label: { show: true, position: 'right' },
      edgeSymbol: ['none', 'arrow'],
      data: spread.rooms.map(r => ({
        id: r.roomId,
        name: r.roomId.substring(r.roomId.indexOf(':') + 1),
        value: r.audience,
        symbolSize: size(r.audience),
        itemStyle: r.first ? { color: '#b00020' } : (r.watched ? { color: '#1f5fa8' } : { color: '#999999' }),
        tooltip: { formatter: (r.title || r.roomId) + (r.watched ? '' : ' · ' + labels.unwatched) + ' · ' + (r.audience == null ? '?' : r.audience) },
      })),
      links: spread.edges.map(e => ({
        source: e.from,
        target: e.to,
        value: e.postings,
        lineStyle: e.kind === 'forward' ? { type: 'solid', width: 2 } : { type: 'dashed', width: 1 },
      })),
    }],
  });
  graph.on('click', params => {
    if (params.dataType === 'node' && params.data.id.startsWith('telegram:') && !params.data.id.startsWith('telegram:chat:')) {
      window.location.assign('/rooms/' + encodeURIComponent(params.data.name));
    }
  });
  document.body.dataset.charts = 'drawn';
})();
