package org.roomwatch.api;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Ellipse2D;
import java.awt.image.BufferedImage;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYLineAnnotation;
import org.jfree.chart.annotations.XYShapeAnnotation;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYStepRenderer;
import org.jfree.data.time.Millisecond;
import org.jfree.data.time.TimeSeries;
import org.jfree.data.time.TimeSeriesCollection;
import org.jfree.data.xy.XYSeriesCollection;
import org.roomwatch.core.cases.Spread;

/**
 * The spread's two pictures drawn on the server for the report, with JFreeChart: the same timeline as the page
 * (postings so far, and the audience reached so far, each room counted once at its first posting), and the rooms'
 * graph (rooms on a circle, the first posting's room first, sized by audience; forwards solid, re-postings dashed,
 * rooms never crawled grey). Headless: no display is needed.
 */
final class SpreadCharts {
    private SpreadCharts() {}

    static BufferedImage timeline(Spread spread, String postingsLabel, String audienceLabel, Font font) {
        TimeSeries postings = new TimeSeries(postingsLabel);
        TimeSeries reach = new TimeSeries(audienceLabel);
        Map<String, Long> audience = new HashMap<>();
        spread.rooms().forEach(r -> audience.put(r.roomId(), r.audience()));
        Set<String> counted = new HashSet<>();
        long reached = 0;
        int n = 0;
        for (Spread.Posting p : spread.postings()) {
            if (p.at() == null) {
                continue;
            }
            n++;
            if (counted.add(p.roomId())) {
                Long a = audience.get(p.roomId());
                reached += a == null ? 0 : a;
            }
            Millisecond at = new Millisecond(java.util.Date.from(p.at()));
            postings.addOrUpdate(at, n);
            reach.addOrUpdate(at, reached);
        }
        JFreeChart chart = ChartFactory.createTimeSeriesChart(null, null, postingsLabel, new TimeSeriesCollection(postings), true, false, false);
        XYPlot plot = chart.getXYPlot();
        plot.setRenderer(0, new XYStepRenderer());
        NumberAxis reachAxis = new NumberAxis(audienceLabel);
        plot.setRangeAxis(1, reachAxis);
        plot.setDataset(1, new TimeSeriesCollection(reach));
        plot.mapDatasetToRangeAxis(1, 1);
        plot.setRenderer(1, new XYStepRenderer());
        plot.setBackgroundPaint(Color.WHITE);
        style(chart, font);
        return chart.createBufferedImage(900, 380);
    }

    static BufferedImage graph(Spread spread, Font font) {
        JFreeChart chart = ChartFactory.createScatterPlot(null, null, null, new XYSeriesCollection(), org.jfree.chart.plot.PlotOrientation.VERTICAL,
                false, false, false);
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        plot.getDomainAxis().setVisible(false);
        plot.getRangeAxis().setVisible(false);
        plot.getDomainAxis().setRange(-1.6, 1.6);
        plot.getRangeAxis().setRange(-1.3, 1.3);
        List<Spread.Node> nodes = spread.rooms().stream()
                .sorted((a, b) -> Boolean.compare(b.first(), a.first())).toList();
        Map<String, double[]> at = new HashMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            double angle = Math.PI / 2 - 2 * Math.PI * i / Math.max(1, nodes.size());
            at.put(nodes.get(i).roomId(), new double[] {Math.cos(angle), Math.sin(angle)});
        }
        for (Spread.Edge e : spread.edges()) {
            double[] from = at.get(e.from());
            double[] to = at.get(e.to());
            if (from == null || to == null) {
                continue;
            }
            BasicStroke stroke = e.kind().equals("forward") ? new BasicStroke(2f)
                    : new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f);
            plot.addAnnotation(new XYLineAnnotation(from[0], from[1], to[0], to[1], stroke, new Color(90, 90, 90)));
        }
        for (Spread.Node node : nodes) {
            double[] p = at.get(node.roomId());
            double r = node.audience() == null ? 0.05 : 0.05 + 0.03 * Math.log10(1 + node.audience());
            Color color = node.first() ? new Color(0xb0, 0x00, 0x20) : node.watched() ? new Color(0x1f, 0x5f, 0xa8) : Color.GRAY;
            plot.addAnnotation(new XYShapeAnnotation(new Ellipse2D.Double(p[0] - r, p[1] - r, 2 * r, 2 * r), new BasicStroke(1f), color, color));
            String name = node.roomId().substring(node.roomId().indexOf(':') + 1);
            XYTextAnnotation label = new XYTextAnnotation(name + (node.audience() == null ? " (?)" : " (" + node.audience() + ")"), p[0], p[1] - r - 0.08);
            label.setFont(font.deriveFont(11f));
            plot.addAnnotation(label);
        }
        style(chart, font);
        return chart.createBufferedImage(900, 520);
    }

    /** A font that draws Korean: the report's, so room titles and labels are not boxes. */
    private static void style(JFreeChart chart, Font font) {
        chart.setBackgroundPaint(Color.WHITE);
        if (chart.getLegend() != null) {
            chart.getLegend().setItemFont(font.deriveFont(12f));
        }
        XYPlot plot = chart.getXYPlot();
        for (int i = 0; i < plot.getRangeAxisCount(); i++) {
            if (plot.getRangeAxis(i) != null) {
                plot.getRangeAxis(i).setLabelFont(font.deriveFont(12f));
                plot.getRangeAxis(i).setTickLabelFont(font.deriveFont(10f));
            }
        }
        plot.getDomainAxis().setTickLabelFont(font.deriveFont(10f));
    }
}
