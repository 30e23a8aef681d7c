import streamlit as st

st.checkbox("x", key="x")
