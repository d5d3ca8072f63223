//! serde data straight into Python objects: the lists, dicts, strings,
//! ints, floats, bools and `None` that `json.loads` gives for the text
//! `serde_json::to_string` writes of the same value, without writing and
//! parsing that text.
//!
//! JSON is the contract (docs/FORMATS.md), so every choice below is
//! serde_json's: a tuple or a byte string is a list, a non-finite float is
//! `null`, an enum variant with data is a one-key object, a map key is text.
//! The contract tests (tests/test_contract.py) compare these objects with
//! `json.loads` of what `sitrep code` prints.

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyList, PyString};
use pyo3::IntoPyObjectExt;
use serde::ser::{self, Serialize};
use std::cell::RefCell;
use std::collections::HashMap;
use std::fmt;

/// Builds Python objects from serde values; one per batch. Field names and
/// variant names recur in every record, so each becomes one Python string,
/// shared by every dict that uses it (as `json.loads` shares its keys).
pub(crate) struct ToPy<'py> {
    py: Python<'py>,
    names: RefCell<HashMap<String, Bound<'py, PyString>>>,
}

impl<'py> ToPy<'py> {
    pub(crate) fn new(py: Python<'py>) -> Self {
        ToPy {
            py,
            names: RefCell::new(HashMap::new()),
        }
    }

    /// The Python object for `value`.
    pub(crate) fn object<T: Serialize + ?Sized>(&self, value: &T) -> PyResult<Bound<'py, PyAny>> {
        value.serialize(self).map_err(|e| e.0)
    }

    pub(crate) fn py(&self) -> Python<'py> {
        self.py
    }

    /// A Python list of the objects for `values`, in order.
    pub(crate) fn list<'v, T: Serialize + 'v>(
        &self,
        values: impl IntoIterator<Item = &'v T>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let items = values
            .into_iter()
            .map(|v| self.object(v))
            .collect::<PyResult<Vec<_>>>()?;
        Ok(PyList::new(self.py, items)?.into_any())
    }

    /// The one shared Python string for a name.
    fn name(&self, s: &str) -> Bound<'py, PyString> {
        let mut names = self.names.borrow_mut();
        if let Some(n) = names.get(s) {
            return n.clone();
        }
        let n = PyString::new(self.py, s);
        names.insert(s.to_owned(), n.clone());
        n
    }

    fn none(&self) -> Bound<'py, PyAny> {
        self.py.None().into_bound(self.py)
    }

    /// `{variant: value}`, serde_json's form of an enum variant with data.
    fn tagged(&self, variant: &str, value: Bound<'py, PyAny>) -> Result<Bound<'py, PyAny>, Error> {
        let d = PyDict::new(self.py);
        d.set_item(self.name(variant), value)?;
        Ok(d.into_any())
    }

    /// A map key as serde_json writes it: a string as it is, a number or a
    /// bool as its JSON text; anything else cannot be a JSON key.
    fn key<T: Serialize + ?Sized>(&self, key: &T) -> Result<Bound<'py, PyAny>, Error> {
        match serde_json::to_value(key).map_err(<Error as ser::Error>::custom)? {
            serde_json::Value::String(s) => Ok(self.name(&s).into_any()),
            v @ (serde_json::Value::Number(_) | serde_json::Value::Bool(_)) => {
                Ok(self.name(&v.to_string()).into_any())
            }
            _ => Err(ser::Error::custom(
                "a map key must be a string, a number or a bool",
            )),
        }
    }
}

/// A value that cannot become a Python object (or a Python error while
/// building one).
#[derive(Debug)]
pub(crate) struct Error(PyErr);

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Error(PyValueError::new_err(msg.to_string()))
    }
}

impl From<PyErr> for Error {
    fn from(e: PyErr) -> Self {
        Error(e)
    }
}

type Obj<'py> = Result<Bound<'py, PyAny>, Error>;

/// A sequence being built: its items, and the variant to wrap it in for a
/// tuple variant.
pub(crate) struct Seq<'a, 'py> {
    to: &'a ToPy<'py>,
    items: Vec<Bound<'py, PyAny>>,
    variant: Option<&'static str>,
}

impl<'py> Seq<'_, 'py> {
    fn push<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.items.push(value.serialize(self.to)?);
        Ok(())
    }

    fn finish(self) -> Obj<'py> {
        let list = PyList::new(self.to.py, self.items)?.into_any();
        match self.variant {
            Some(v) => self.to.tagged(v, list),
            None => Ok(list),
        }
    }
}

/// A map or struct being built: its dict, the key waiting for its value,
/// and the variant to wrap it in for a struct variant.
pub(crate) struct Map<'a, 'py> {
    to: &'a ToPy<'py>,
    dict: Bound<'py, PyDict>,
    key: Option<Bound<'py, PyAny>>,
    variant: Option<&'static str>,
}

impl<'py> Map<'_, 'py> {
    fn field<T: Serialize + ?Sized>(&mut self, name: &str, value: &T) -> Result<(), Error> {
        let v = value.serialize(self.to)?;
        self.dict.set_item(self.to.name(name), v)?;
        Ok(())
    }

    fn finish(self) -> Obj<'py> {
        let dict = self.dict.into_any();
        match self.variant {
            Some(v) => self.to.tagged(v, dict),
            None => Ok(dict),
        }
    }
}

impl<'a, 'py> ToPy<'py> {
    fn seq(&'a self, len: Option<usize>, variant: Option<&'static str>) -> Seq<'a, 'py> {
        Seq {
            to: self,
            items: Vec::with_capacity(len.unwrap_or(0)),
            variant,
        }
    }

    fn map(&'a self, variant: Option<&'static str>) -> Map<'a, 'py> {
        Map {
            to: self,
            dict: PyDict::new(self.py),
            key: None,
            variant,
        }
    }

    fn int<T: IntoPyObjectExt<'py>>(&self, v: T) -> Obj<'py> {
        Ok(v.into_bound_py_any(self.py)?)
    }
}

impl<'a, 'py> ser::Serializer for &'a ToPy<'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = Error;
    type SerializeSeq = Seq<'a, 'py>;
    type SerializeTuple = Seq<'a, 'py>;
    type SerializeTupleStruct = Seq<'a, 'py>;
    type SerializeTupleVariant = Seq<'a, 'py>;
    type SerializeMap = Map<'a, 'py>;
    type SerializeStruct = Map<'a, 'py>;
    type SerializeStructVariant = Map<'a, 'py>;

    fn serialize_bool(self, v: bool) -> Obj<'py> {
        Ok(PyBool::new(self.py, v).to_owned().into_any())
    }
    fn serialize_i8(self, v: i8) -> Obj<'py> {
        self.int(v)
    }
    fn serialize_i16(self, v: i16) -> Obj<'py> {
        self.int(v)
    }
    fn serialize_i32(self, v: i32) -> Obj<'py> {
        self.int(v)
    }
    fn serialize_i64(self, v: i64) -> Obj<'py> {
        self.int(v)
    }
    fn serialize_i128(self, v: i128) -> Obj<'py> {
        self.int(v)
    }
    fn serialize_u8(self, v: u8) -> Obj<'py> {
        self.int(v)
    }
    fn serialize_u16(self, v: u16) -> Obj<'py> {
        self.int(v)
    }
    fn serialize_u32(self, v: u32) -> Obj<'py> {
        self.int(v)
    }
    fn serialize_u64(self, v: u64) -> Obj<'py> {
        self.int(v)
    }
    fn serialize_u128(self, v: u128) -> Obj<'py> {
        self.int(v)
    }
    /// serde_json writes an `f32` with its own shortest digits, which
    /// `json.loads` reads as the nearest double (0.1f32 is `0.1`, not
    /// 0.10000000149011612); Rust prints the same shortest digits.
    fn serialize_f32(self, v: f32) -> Obj<'py> {
        match v.to_string().parse::<f64>() {
            Ok(d) if v.is_finite() => self.serialize_f64(d),
            _ => Ok(self.none()),
        }
    }
    /// A NaN or an infinity is `null` in serde_json's text.
    fn serialize_f64(self, v: f64) -> Obj<'py> {
        if v.is_finite() {
            Ok(PyFloat::new(self.py, v).into_any())
        } else {
            Ok(self.none())
        }
    }
    fn serialize_char(self, v: char) -> Obj<'py> {
        Ok(PyString::new(self.py, v.encode_utf8(&mut [0; 4])).into_any())
    }
    fn serialize_str(self, v: &str) -> Obj<'py> {
        Ok(PyString::new(self.py, v).into_any())
    }
    /// Bytes are a list of numbers in serde_json's text.
    fn serialize_bytes(self, v: &[u8]) -> Obj<'py> {
        Ok(self.list(v)?)
    }
    fn serialize_none(self) -> Obj<'py> {
        Ok(self.none())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Obj<'py> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Obj<'py> {
        Ok(self.none())
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Obj<'py> {
        Ok(self.none())
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _i: u32,
        variant: &'static str,
    ) -> Obj<'py> {
        Ok(self.name(variant).into_any())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Obj<'py> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _i: u32,
        variant: &'static str,
        value: &T,
    ) -> Obj<'py> {
        let v = value.serialize(self)?;
        self.tagged(variant, v)
    }
    fn serialize_seq(self, len: Option<usize>) -> Result<Seq<'a, 'py>, Error> {
        Ok(self.seq(len, None))
    }
    fn serialize_tuple(self, len: usize) -> Result<Seq<'a, 'py>, Error> {
        Ok(self.seq(Some(len), None))
    }
    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        len: usize,
    ) -> Result<Seq<'a, 'py>, Error> {
        Ok(self.seq(Some(len), None))
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _i: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Seq<'a, 'py>, Error> {
        Ok(self.seq(Some(len), Some(variant)))
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Map<'a, 'py>, Error> {
        Ok(self.map(None))
    }
    fn serialize_struct(self, _name: &'static str, _len: usize) -> Result<Map<'a, 'py>, Error> {
        Ok(self.map(None))
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _i: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Map<'a, 'py>, Error> {
        Ok(self.map(Some(variant)))
    }
}

/// The four sequence traits differ only in their names: each pushes an
/// element and builds the list.
macro_rules! seq_impl {
    ($trait:ident, $method:ident) => {
        impl<'py> ser::$trait for Seq<'_, 'py> {
            type Ok = Bound<'py, PyAny>;
            type Error = Error;
            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
                self.push(value)
            }
            fn end(self) -> Obj<'py> {
                self.finish()
            }
        }
    };
}

seq_impl!(SerializeSeq, serialize_element);
seq_impl!(SerializeTuple, serialize_element);
seq_impl!(SerializeTupleStruct, serialize_field);
seq_impl!(SerializeTupleVariant, serialize_field);

impl<'py> ser::SerializeMap for Map<'_, 'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Error> {
        self.key = Some(self.to.key(key)?);
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        let key = self
            .key
            .take()
            .ok_or_else(|| <Error as ser::Error>::custom("a map value came before its key"))?;
        let v = value.serialize(self.to)?;
        self.dict.set_item(key, v)?;
        Ok(())
    }
    fn end(self) -> Obj<'py> {
        self.finish()
    }
}

impl<'py> ser::SerializeStruct for Map<'_, 'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        name: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        self.field(name, value)
    }
    fn end(self) -> Obj<'py> {
        self.finish()
    }
}

impl<'py> ser::SerializeStructVariant for Map<'_, 'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        name: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        self.field(name, value)
    }
    fn end(self) -> Obj<'py> {
        self.finish()
    }
}
