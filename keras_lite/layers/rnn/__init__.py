"""Recurrent layers: cells, the RNN loop over time, and the LSTM/GRU/SimpleRNN/Bidirectional/ConvLSTM layers."""
