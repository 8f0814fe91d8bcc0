package org.lungscan.predictions.kerasimport;

import static org.bytedeco.hdf5.global.hdf5.H5Aread;
import static org.bytedeco.hdf5.global.hdf5.H5F_ACC_RDONLY;
import static org.bytedeco.hdf5.global.hdf5.H5O_TYPE_DATASET;
import static org.bytedeco.hdf5.global.hdf5.H5O_TYPE_GROUP;
import static org.bytedeco.hdf5.global.hdf5.H5T_STRING;
import static org.bytedeco.hdf5.global.hdf5.H5free_memory;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bytedeco.hdf5.Attribute;
import org.bytedeco.hdf5.DataSet;
import org.bytedeco.hdf5.DataSpace;
import org.bytedeco.hdf5.DataType;
import org.bytedeco.hdf5.Group;
import org.bytedeco.hdf5.H5File;
import org.bytedeco.hdf5.H5Object;
import org.bytedeco.hdf5.PredType;
import org.bytedeco.hdf5.StrType;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.PointerPointer;
import org.deeplearning4j.nn.modelimport.keras.Hdf5Archive;

/**
 * Read access to an HDF5 file: string attributes, the children of a group and float datasets. Paths
 * are slash-separated and relative to the file root ("" is the root). The HDF5 library is not
 * thread-safe, so every call holds the lock Deeplearning4j's own HDF5 reader uses.
 */
final class H5Reader implements AutoCloseable {

  private static final Object LOCK = Hdf5Archive.LOCK_OBJECT;

  private final H5File file;

  H5Reader(Path path) {
    synchronized (LOCK) {
      file = new H5File(path.toString(), H5F_ACC_RDONLY());
    }
  }

  static boolean isHdf5(Path path) {
    synchronized (LOCK) {
      return H5File.isHdf5(path.toString());
    }
  }

  boolean exists(String path) {
    synchronized (LOCK) {
      if (path.isEmpty()) {
        return true;
      }
      String prefix = "";
      for (String part : path.split("/")) {
        prefix = prefix.isEmpty() ? part : prefix + "/" + part;
        if (!file.nameExists(prefix)) {
          return false;
        }
      }
      return true;
    }
  }

  boolean isGroup(String path) {
    synchronized (LOCK) {
      return path.isEmpty() || exists(path) && file.childObjType(path) == H5O_TYPE_GROUP;
    }
  }

  List<String> groups(String groupPath) {
    return children(groupPath, H5O_TYPE_GROUP);
  }

  List<String> datasets(String groupPath) {
    return children(groupPath, H5O_TYPE_DATASET);
  }

  /** A string attribute (scalar) of a group or dataset, if it exists. */
  Optional<String> stringAttribute(String objectPath, String name) {
    List<String> values = stringArrayAttribute(objectPath, name);
    return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /**
   * A string attribute read as a list (a scalar gives one element); empty if absent or not strings.
   */
  List<String> stringArrayAttribute(String objectPath, String name) {
    synchronized (LOCK) {
      H5Object owner = openObject(objectPath);
      try {
        if (!owner.attrExists(name)) {
          return List.of();
        }
        Attribute attribute = owner.openAttribute(name);
        try {
          return readStrings(attribute);
        } finally {
          attribute.deallocate();
        }
      } finally {
        closeObject(owner);
      }
    }
  }

  WeightArray readFloats(String datasetPath) {
    synchronized (LOCK) {
      DataSet dataset = file.openDataSet(datasetPath);
      DataSpace space = dataset.getSpace();
      try {
        long[] shape = new long[space.getSimpleExtentNdims()];
        space.getSimpleExtentDims(shape);
        float[] values = new float[Math.toIntExact(space.getSimpleExtentNpoints())];
        FloatPointer buffer = new FloatPointer(values.length);
        // freed here, under the lock: left to the garbage collector, JavaCPP would free it
        // on its own thread, outside HDF5's lock, which crashed the JVM on repeated imports
        DataType nativeFloat = new DataType(PredType.NATIVE_FLOAT());
        // HDF5 converts float64/float16 files to native float32 while reading.
        dataset.read(buffer, nativeFloat);
        nativeFloat.deallocate();
        buffer.get(values);
        buffer.deallocate();
        return new WeightArray(shape, values);
      } finally {
        space.deallocate();
        dataset.deallocate();
      }
    }
  }

  @Override
  public void close() {
    synchronized (LOCK) {
      file._close();
      file.deallocate();
    }
  }

  private List<String> children(String groupPath, int type) {
    synchronized (LOCK) {
      Group group = groupPath.isEmpty() ? file : file.openGroup(groupPath);
      try {
        List<String> names = new ArrayList<>();
        for (long i = 0; i < group.getNumObjs(); i++) {
          BytePointer name = group.getObjnameByIdx(i);
          if (group.childObjType(name) == type) {
            names.add(name.getString(StandardCharsets.UTF_8));
          }
        }
        return names;
      } finally {
        if (group != file) {
          group.deallocate();
        }
      }
    }
  }

  private H5Object openObject(String path) {
    if (path.isEmpty()) {
      return file;
    }
    if (file.childObjType(path) == H5O_TYPE_DATASET) {
      return file.openDataSet(path);
    }
    return file.openGroup(path);
  }

  private void closeObject(H5Object object) {
    if (object != file) {
      object.deallocate();
    }
  }

  private static List<String> readStrings(Attribute attribute) {
    if (attribute.getTypeClass() != H5T_STRING) {
      return List.of();
    }
    DataSpace space = attribute.getSpace();
    StrType type = attribute.getStrType();
    try {
      int count = Math.toIntExact(space.getSimpleExtentNpoints());
      return type.isVariableStr()
          ? readVariableStrings(attribute, type, count)
          : readFixedStrings(attribute, type, count);
    } finally {
      type.deallocate();
      space.deallocate();
    }
  }

  /**
   * Reads with the attribute's own type (ASCII or UTF-8): HDF5 will not convert between the two.
   */
  private static List<String> readVariableStrings(Attribute attribute, StrType type, int count) {
    PointerPointer<BytePointer> pointers = new PointerPointer<>(count);
    try {
      for (int i = 0; i < count; i++) {
        pointers.put(i, (BytePointer) null);
      }
      if (H5Aread(attribute.getId(), type.getId(), pointers) < 0) {
        throw new IllegalStateException("unreadable string attribute");
      }
      List<String> strings = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        BytePointer text = pointers.get(BytePointer.class, i);
        strings.add(text == null || text.isNull() ? "" : text.getString(StandardCharsets.UTF_8));
        H5free_memory(text);
      }
      return strings;
    } finally {
      pointers.deallocate();
    }
  }

  private static List<String> readFixedStrings(Attribute attribute, StrType type, int count) {
    int width = Math.toIntExact(type.getSize());
    byte[] bytes = new byte[width * count];
    BytePointer buffer = new BytePointer(bytes.length);
    try {
      attribute.read(type, (org.bytedeco.javacpp.Pointer) buffer);
      buffer.get(bytes);
    } finally {
      buffer.deallocate();
    }
    List<String> strings = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      strings.add(trimPadding(new String(bytes, i * width, width, StandardCharsets.UTF_8)));
    }
    return strings;
  }

  private static String trimPadding(String text) {
    int end = text.indexOf('\0');
    return (end >= 0 ? text.substring(0, end) : text).stripTrailing();
  }
}
