package io.topogan.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Generator and discriminator (critic for WGAN-GP) of one architecture, built layer for layer
 * like the PyTorch reference models.
 *
 * <p>The generator maps latent vectors of shape (N, 100) to images. The discriminator takes
 * images of shape {@link #imageShape(int)}: flat (N, C*32*32) for the fully connected models,
 * (N, C, 32, 32) for the convolutional ones, and returns one score per image, shape (N, 1).
 * Every child of {@link #generator()} is one layer, named in {@link #generatorLayerNames()}.
 *
 * @param architecture the architecture these networks implement
 * @param channels image channels C
 * @param generator sequential generator, one child per layer
 * @param generatorLayerNames lower-case layer kind per generator child, in order
 * @param discriminator sequential discriminator or critic
 */
public record GanNetworks(
        Architecture architecture,
        int channels,
        SequentialBlock generator,
        List<String> generatorLayerNames,
        SequentialBlock discriminator) {

    /** Size of the latent vectors fed to every generator. */
    public static final int LATENT_SIZE = 100;

    /** Height and width of generated and training images. */
    public static final int IMAGE_SIZE = 32;

    private static final float LEAKY_RELU_SLOPE = 0.2f;

    /** PyTorch's BatchNorm momentum 0.1 is 0.9 in DJL, which passes 1 - momentum to libtorch. */
    private static final float DJL_BATCH_NORM_MOMENTUM = 0.9f;

    private static final float DEFAULT_BATCH_NORM_EPS = 1e-5f;

    /** The reference passes 0.8 as BatchNorm's second positional argument, which is eps. */
    private static final float REFERENCE_BATCH_NORM_EPS = 0.8f;

    /**
     * Builds uninitialized networks; {@link #initialize} creates their parameters.
     *
     * @throws IllegalArgumentException if channels is not positive
     */
    public static GanNetworks build(Architecture architecture, int channels) {
        if (channels < 1) {
            throw new IllegalArgumentException("channels must be positive, got " + channels);
        }
        return switch (architecture) {
            case GAN -> gan(channels);
            case DCGAN -> dcgan(channels);
            case WGAN_GP_LINEAR -> wganGpLinear(channels);
            case WGAN_GP_CONV -> wganGpConv(channels);
        };
    }

    /** Returns the shape of a batch of n images as the discriminator takes it. */
    public Shape imageShape(int n) {
        if (architecture == Architecture.GAN || architecture == Architecture.WGAN_GP_LINEAR) {
            return new Shape(n, (long) channels * IMAGE_SIZE * IMAGE_SIZE);
        }
        return new Shape(n, channels, IMAGE_SIZE, IMAGE_SIZE);
    }

    /** Returns C*32*32, the number of values of one image. */
    public int imageLength() {
        return channels * IMAGE_SIZE * IMAGE_SIZE;
    }

    /** Creates the parameters of both networks on the given manager, with DJL's initializers. */
    public void initialize(ai.djl.ndarray.NDManager manager) {
        generator.initialize(manager, ai.djl.ndarray.types.DataType.FLOAT32,
                new Shape(1, LATENT_SIZE));
        discriminator.initialize(manager, ai.djl.ndarray.types.DataType.FLOAT32, imageShape(1));
    }

    private static GanNetworks gan(int channels) {
        int imageLength = channels * IMAGE_SIZE * IMAGE_SIZE;
        Layers generator = new Layers()
                .linear(128).leakyRelu()
                .linear(256).leakyRelu()
                .linear(512).leakyRelu()
                .linear(imageLength).tanh();
        Layers discriminator = new Layers()
                .linear(512).leakyRelu()
                .linear(256).leakyRelu()
                .linear(1).sigmoid();
        return generator.with(Architecture.GAN, channels, discriminator);
    }

    private static GanNetworks dcgan(int channels) {
        Layers generator = new Layers()
                .linear(512 * 4 * 4).leakyRelu()
                .reshape(512, 4, 4)
                .convTranspose(256).batchNorm(DEFAULT_BATCH_NORM_EPS).leakyRelu()
                .convTranspose(128).batchNorm(DEFAULT_BATCH_NORM_EPS).leakyRelu()
                .convTranspose(64).batchNorm(DEFAULT_BATCH_NORM_EPS).leakyRelu()
                .conv(channels, 3, 1).tanh();
        Layers discriminator = new Layers()
                .conv(64, 4, 2).leakyRelu()
                .conv(128, 4, 2).batchNorm(DEFAULT_BATCH_NORM_EPS).leakyRelu()
                .conv(256, 4, 2).batchNorm(DEFAULT_BATCH_NORM_EPS).leakyRelu()
                .conv(512, 4, 2).batchNorm(DEFAULT_BATCH_NORM_EPS).leakyRelu()
                .flatten(512 * 2 * 2)
                .linear(1).sigmoid();
        return generator.with(Architecture.DCGAN, channels, discriminator);
    }

    private static GanNetworks wganGpLinear(int channels) {
        Layers generator = new Layers()
                .linear(128).leakyRelu()
                .linear(256).batchNorm(REFERENCE_BATCH_NORM_EPS).leakyRelu()
                .linear(512).batchNorm(REFERENCE_BATCH_NORM_EPS).leakyRelu()
                .linear(1024).batchNorm(REFERENCE_BATCH_NORM_EPS).leakyRelu()
                .linear(channels * IMAGE_SIZE * IMAGE_SIZE).tanh();
        Layers critic = new Layers()
                .linear(512).leakyRelu()
                .linear(256).leakyRelu()
                .linear(1);
        return generator.with(Architecture.WGAN_GP_LINEAR, channels, critic);
    }

    private static GanNetworks wganGpConv(int channels) {
        Layers generator = new Layers()
                .linear(128 * 8 * 8)
                .reshape(128, 8, 8)
                .batchNorm(DEFAULT_BATCH_NORM_EPS)
                .upsample()
                .conv(128, 3, 1).batchNorm(REFERENCE_BATCH_NORM_EPS).leakyRelu()
                .upsample()
                .conv(64, 3, 1).batchNorm(REFERENCE_BATCH_NORM_EPS).leakyRelu()
                .conv(channels, 3, 1).tanh();
        Layers critic = new Layers()
                .conv(64, 3, 2).leakyRelu()
                .conv(128, 3, 2).batchNorm(DEFAULT_BATCH_NORM_EPS).leakyRelu()
                .conv(256, 3, 2).batchNorm(DEFAULT_BATCH_NORM_EPS).leakyRelu()
                .conv(512, 3, 2).batchNorm(DEFAULT_BATCH_NORM_EPS).leakyRelu()
                .flatten(512 * 2 * 2)
                .linear(1);
        return generator.with(Architecture.WGAN_GP_CONV, channels, critic);
    }

    /** A sequential block under construction, with a name per layer. */
    private static final class Layers {
        private final SequentialBlock block = new SequentialBlock();
        private final List<String> names = new ArrayList<>();

        GanNetworks with(Architecture architecture, int channels, Layers discriminator) {
            return new GanNetworks(architecture, channels, block, List.copyOf(names),
                    discriminator.block);
        }

        private Layers add(String name, Block layer) {
            block.add(layer);
            names.add(name);
            return this;
        }

        private Layers lambda(String name, Function<NDArray, NDArray> function) {
            return add(name, LambdaBlock.singleton(function, name));
        }

        Layers linear(long units) {
            return add("linear", Linear.builder().setUnits(units).build());
        }

        /** Transposed convolution with kernel 4, stride 2, padding 1: doubles height and width. */
        Layers convTranspose(int filters) {
            return add("convtranspose", new TransposedConv2d(filters));
        }

        /** Convolution with padding 1 and the given square kernel and stride. */
        Layers conv(int filters, int kernel, int stride) {
            return add("conv", Conv2d.builder()
                    .setFilters(filters)
                    .setKernelShape(new Shape(kernel, kernel))
                    .optStride(new Shape(stride, stride))
                    .optPadding(new Shape(1, 1))
                    .build());
        }

        Layers batchNorm(float eps) {
            return add("batchnorm", BatchNorm.builder()
                    .optEpsilon(eps)
                    .optMomentum(DJL_BATCH_NORM_MOMENTUM)
                    .build());
        }

        Layers leakyRelu() {
            return lambda("leakyrelu", x -> Activation.leakyRelu(x, LEAKY_RELU_SLOPE));
        }

        Layers tanh() {
            return lambda("tanh", Activation::tanh);
        }

        Layers sigmoid() {
            return lambda("sigmoid", Activation::sigmoid);
        }

        Layers reshape(long channels, long height, long width) {
            return lambda("reshape", x -> x.reshape(new Shape(-1, channels, height, width)));
        }

        Layers flatten(long length) {
            return lambda("flatten", x -> x.reshape(new Shape(-1, length)));
        }

        /** Nearest-neighbour upsampling by 2: every pixel is repeated along height and width. */
        Layers upsample() {
            return lambda("upsample", x -> x.repeat(2, 2).repeat(3, 2));
        }
    }
}
