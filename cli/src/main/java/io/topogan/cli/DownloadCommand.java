package io.topogan.cli;

import io.topogan.formats.DatasetDownloader;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Downloads a full dataset from its official source, checking every file's checksum. */
@Command(name = "download", description = "Download the full MNIST, Fashion-MNIST or CIFAR-10"
        + " training and test files from their official sources into DIR/NAME, checking each"
        + " file's MD5 checksum; valid files already there are kept. Train on them with"
        + " TOPOGAN_DATA_DIR=DIR ./topogan up.")
final class DownloadCommand implements Callable<Integer> {

    @Parameters(paramLabel = "NAME", description = "mnist, fashion-mnist or cifar10.")
    String dataset;

    @Option(names = "--dir", paramLabel = "DIR", description = "Parent folder of the dataset"
            + " folder (default: ${DEFAULT-VALUE}).")
    Path dir = Path.of("datasets");

    @Override
    public Integer call() throws Exception {
        if (!List.of("mnist", "fashion-mnist", "cifar10").contains(dataset)) {
            throw new IllegalArgumentException("unknown dataset '" + dataset
                    + "'; expected mnist, fashion-mnist or cifar10");
        }
        Path folder = dir.resolve(dataset);
        System.out.println("downloading " + dataset + " into " + folder.toAbsolutePath());
        for (Path file : new DatasetDownloader().download(dataset, folder)) {
            System.out.println("  " + file);
        }
        System.out.println("done; use it with TOPOGAN_DATA_DIR=" + dir.toAbsolutePath());
        return 0;
    }
}
