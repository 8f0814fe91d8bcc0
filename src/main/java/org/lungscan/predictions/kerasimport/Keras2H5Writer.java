package org.lungscan.predictions.kerasimport;

import static org.bytedeco.hdf5.global.hdf5.H5F_ACC_TRUNC;
import static org.bytedeco.hdf5.global.hdf5.H5F_LIBVER_LATEST;
import static org.bytedeco.hdf5.global.hdf5.H5F_LIBVER_V18;
import static org.bytedeco.hdf5.global.hdf5.H5S_SCALAR;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.bytedeco.hdf5.Attribute;
import org.bytedeco.hdf5.DataSet;
import org.bytedeco.hdf5.DataSpace;
import org.bytedeco.hdf5.DataType;
import org.bytedeco.hdf5.FileAccPropList;
import org.bytedeco.hdf5.FileCreatPropList;
import org.bytedeco.hdf5.Group;
import org.bytedeco.hdf5.H5File;
import org.bytedeco.hdf5.H5Object;
import org.bytedeco.hdf5.PredType;
import org.bytedeco.hdf5.StrType;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.deeplearning4j.nn.modelimport.keras.Hdf5Archive;

/**
 * Writes a model in the HDF5 layout Keras 2 uses for {@code model.save("x.h5")}, which is what
 * Deeplearning4j's {@code KerasModelImport} reads: root attributes {@code keras_version}, {@code
 * backend} and {@code model_config}, and weights at {@code
 * model_weights/<layer>/<layer>/<weight>:0}.
 *
 * <p>The file uses the HDF5 1.8 format or later, as Keras' own files do: there an attribute over 64
 * KB (the {@code model_config} of a MobileNet-sized model) goes to dense attribute storage, where
 * the original format's compact storage refuses it ({@code H5Acreate2 failed}).
 */
final class Keras2H5Writer {

  static final String KERAS_VERSION = "2.2.4";
  private static final String BACKEND = "tensorflow";

  private Keras2H5Writer() {}

  static void write(Path target, KerasModelParts model) {
    synchronized (Hdf5Archive.LOCK_OBJECT) {
      H5File file = create(target);
      try {
        writeString(file, "keras_version", KERAS_VERSION);
        writeString(file, "backend", BACKEND);
        writeString(file, "model_config", model.configJson());
        writeWeights(file, model.weights());
      } finally {
        file._close();
        file.deallocate();
      }
    }
  }

  private static H5File create(Path target) {
    FileAccPropList access = new FileAccPropList();
    try {
      access.setLibverBounds(H5F_LIBVER_V18, H5F_LIBVER_LATEST);
      return new H5File(target.toString(), H5F_ACC_TRUNC(), FileCreatPropList.DEFAULT(), access);
    } finally {
      access.deallocate();
    }
  }

  private static void writeWeights(H5File file, Map<String, List<NamedWeight>> weightsByLayer) {
    Group root = file.createGroup("model_weights");
    try {
      writeString(root, "keras_version", KERAS_VERSION);
      writeString(root, "backend", BACKEND);
      writeStrings(root, "layer_names", List.copyOf(weightsByLayer.keySet()));
      for (Map.Entry<String, List<NamedWeight>> layer : weightsByLayer.entrySet()) {
        writeLayer(root, layer.getKey(), layer.getValue());
      }
    } finally {
      root.deallocate();
    }
  }

  private static void writeLayer(Group root, String layerName, List<NamedWeight> weights) {
    Group layerGroup = root.createGroup(layerName);
    try {
      List<String> names = weights.stream().map(w -> layerName + "/" + w.name() + ":0").toList();
      writeStrings(layerGroup, "weight_names", names);
      if (weights.isEmpty()) {
        return;
      }
      Group inner = layerGroup.createGroup(layerName);
      try {
        for (NamedWeight weight : weights) {
          writeFloats(inner, weight.name() + ":0", weight.array());
        }
      } finally {
        inner.deallocate();
      }
    } finally {
      layerGroup.deallocate();
    }
  }

  private static void writeFloats(Group group, String name, WeightArray array) {
    DataSpace space = new DataSpace(array.shape().length, array.shape());
    // HDF5 objects are freed here, never by the garbage collector's thread (see
    // H5Reader.readFloats)
    DataType fileFloat = new DataType(PredType.IEEE_F32LE());
    DataType nativeFloat = new DataType(PredType.NATIVE_FLOAT());
    DataSet dataset = group.createDataSet(name, fileFloat, space);
    FloatPointer buffer = new FloatPointer(array.values());
    try {
      dataset.write(buffer, nativeFloat);
    } finally {
      buffer.deallocate();
      dataset.deallocate();
      space.deallocate();
      nativeFloat.deallocate();
      fileFloat.deallocate();
    }
  }

  private static void writeString(H5Object owner, String name, String value) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    StrType type = new StrType(PredType.C_S1(), Math.max(1, bytes.length));
    DataSpace space = new DataSpace(H5S_SCALAR);
    Attribute attribute = owner.createAttribute(name, type, space);
    BytePointer buffer = new BytePointer(Math.max(1, bytes.length));
    try {
      buffer.put(bytes);
      attribute.write(type, (org.bytedeco.javacpp.Pointer) buffer);
    } finally {
      buffer.deallocate();
      attribute.deallocate();
      space.deallocate();
      type.deallocate();
    }
  }

  private static void writeStrings(H5Object owner, String name, List<String> values) {
    int width =
        values.stream().mapToInt(v -> v.getBytes(StandardCharsets.UTF_8).length).max().orElse(1);
    StrType type = new StrType(PredType.C_S1(), Math.max(1, width));
    DataSpace space = new DataSpace(1, new long[] {values.size()});
    Attribute attribute = owner.createAttribute(name, type, space);
    byte[] bytes = new byte[Math.max(1, width * values.size())];
    for (int i = 0; i < values.size(); i++) {
      byte[] value = values.get(i).getBytes(StandardCharsets.UTF_8);
      System.arraycopy(value, 0, bytes, i * width, value.length);
    }
    BytePointer buffer = new BytePointer(bytes.length);
    try {
      buffer.put(bytes);
      attribute.write(type, (org.bytedeco.javacpp.Pointer) buffer);
    } finally {
      buffer.deallocate();
      attribute.deallocate();
      space.deallocate();
      type.deallocate();
    }
  }
}
