package io.topogan.service;

import io.topogan.storage.BlobStore;
import io.topogan.storage.StorageSettings;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.Config;

/** Creates the object-store client from the {@code topogan.storage.*} settings. */
public class StorageProducer {

    @Produces
    @Singleton
    BlobStore blobStore(Config config) {
        BlobStore store = new BlobStore(StorageSettings.fromProperties(
                name -> config.getOptionalValue(name, String.class)));
        store.ensureBucket();
        return store;
    }
}
