"""Hello-world Streamlit app: the baseline for the cold-render and memory benchmarks."""

import streamlit as st

st.title("Hello")
st.write("A one-line Streamlit app.")
