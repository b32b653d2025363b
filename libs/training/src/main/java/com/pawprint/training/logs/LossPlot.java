package com.pawprint.training.logs;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** The loss curve as a PNG: step loss, kohya's running average, and validation loss where there is one. */
public final class LossPlot {

    public static final int WIDTH = 1000;
    public static final int HEIGHT = 560;

    private LossPlot() {
    }

    public static void write(Path png, String title, List<StepRecord> steps, List<double[]> validation) {
        XYSeries loss = new XYSeries("loss");
        XYSeries average = new XYSeries("loss (epoch average)");
        for (StepRecord record : steps) {
            loss.add(record.step(), record.loss());
            average.add(record.step(), record.averageLoss());
        }
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(loss);
        data.addSeries(average);
        if (!validation.isEmpty()) {
            XYSeries held = new XYSeries("validation loss");
            validation.forEach(point -> held.add(point[0], point[1]));
            data.addSeries(held);
        }
        JFreeChart chart = ChartFactory.createXYLineChart(title, "step", "loss", data, PlotOrientation.VERTICAL,
                true, false, false);
        XYPlot plot = chart.getXYPlot();
        // Diffusion losses sit near 0.1-1 and move by a few percent: an axis from 0 would flatten the curve.
        ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(false);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        renderer.setSeriesPaint(0, new Color(120, 160, 220));
        renderer.setSeriesPaint(1, new Color(20, 60, 160));
        renderer.setSeriesStroke(1, new BasicStroke(2.5f));
        renderer.setSeriesPaint(2, new Color(210, 80, 30));
        renderer.setSeriesShapesVisible(2, true);
        renderer.setSeriesStroke(2, new BasicStroke(2f));
        plot.setRenderer(renderer);
        try {
            ChartUtils.saveChartAsPNG(png.toFile(), chart, WIDTH, HEIGHT);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the loss plot " + png, e);
        }
    }
}
