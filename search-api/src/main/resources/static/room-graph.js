/*
 * A school's room graph, drawn by Apache ECharts (served by this server): rooms sized by audience, coloured by how
 * they are tied to the school; forwards and invite links as arrows, shared images and shared posters as dashed
 * lines. A click on a room opens its page. Reads the page's JSON data block; sends nothing.
 */
(function () {
  'use strict';
  const block = document.getElementById('graph-data');
  if (!block || !window.echarts) return;
  const data = JSON.parse(block.textContent);
  const labels = data.labels;
  const categories = ['named', 'tagged', 'outside', 'unwatched'];
  const colours = { named: '#b00020', tagged: '#1f5fa8', outside: '#6a8f3a', unwatched: '#999999' };
  const styles = {
    forward: { type: 'solid', width: 2, color: '#333333' },
    link: { type: 'solid', width: 1, color: '#8a5a00' },
    shared: { type: 'dashed', width: 1, color: '#b00020' },
    poster: { type: 'dotted', width: 1, color: '#5a3a8a' },
  };
  const category = n => (n.tagged ? (n.namedForSchool ? 'named' : 'tagged') : (n.watched ? 'outside' : 'unwatched'));
  const size = a => (a == null ? 12 : 12 + 8 * Math.log10(1 + a));
  const name = id => (id.startsWith('telegram:') ? id.substring(9) : id);

  const chart = echarts.init(document.getElementById('graph'), null, { renderer: 'canvas' });
  chart.setOption({
    animation: false,
    tooltip: {},
    legend: { data: categories.map(c => labels[c]) },
    series: [{
      type: 'graph',
      layout: 'force',
      roam: true,
      draggable: true,
      force: { repulsion: 260, edgeLength: 140, layoutAnimation: false },
      label: { show: true, position: 'right' },
      categories: categories.map(c => ({ name: labels[c], itemStyle: { color: colours[c] } })),
      data: data.graph.nodes.map(n => ({
        id: n.roomId,
        name: n.title ? n.title : name(n.roomId),
        category: categories.indexOf(category(n)),
        symbolSize: size(n.audience),
        value: n.audience,
        tooltip: { formatter: (n.title ? n.title + ' · ' : '') + name(n.roomId) + ' · ' + labels[category(n)] + ' · '
          + (n.audience == null ? '?' : n.audience) },
      })),
      links: data.graph.edges.map(e => ({
        source: e.from,
        target: e.to,
        value: e.count,
        symbol: e.kind === 'forward' || e.kind === 'link' ? ['none', 'arrow'] : ['none', 'none'],
        lineStyle: styles[e.kind],
        tooltip: { formatter: labels[e.kind] + ' · ' + e.count },
      })),
    }],
  });
  chart.on('click', params => {
    if (params.dataType === 'node' && data.pages[params.data.id]) {
      window.location.assign(data.pages[params.data.id]);
    }
  });
  document.body.dataset.charts = 'drawn';
})();
