package com.pawprint.training.logs;

/**
 * One optimizer step as the logs record it. {@code averageLoss} is kohya's {@code loss/average}: the mean of the
 * current epoch's step losses so far.
 */
public record StepRecord(long step, int epoch, double loss, double averageLoss, double unetLearningRate,
        double textEncoderLearningRate, double iterationsPerSecond, double gradientNorm, double lossScale) {

    public static final String CSV_HEADER =
            "step,epoch,loss,loss_average,lr_unet,lr_textencoder,it_per_s,grad_norm,loss_scale";

    public String csvLine() {
        return step + "," + epoch + "," + loss + "," + averageLoss + "," + unetLearningRate + ","
                + textEncoderLearningRate + "," + iterationsPerSecond + "," + gradientNorm + "," + lossScale;
    }

    public static StepRecord fromCsv(String line) {
        String[] f = line.split(",");
        if (f.length != 9) {
            throw new IllegalArgumentException("a step log line has 9 fields, got " + f.length + ": " + line);
        }
        return new StepRecord(Long.parseLong(f[0]), Integer.parseInt(f[1]), Double.parseDouble(f[2]),
                Double.parseDouble(f[3]), Double.parseDouble(f[4]), Double.parseDouble(f[5]),
                Double.parseDouble(f[6]), Double.parseDouble(f[7]), Double.parseDouble(f[8]));
    }
}
